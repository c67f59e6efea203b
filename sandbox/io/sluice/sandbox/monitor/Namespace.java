package io.sluice.sandbox.monitor;

import io.sluice.sandbox.api.ApiException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two CLB monitoring namespaces and the dimensions each understands. {@code QCE/LOADBALANCE} is
 * per layer-7 rule (its listener port is spelled both {@code loadBalancerPort} and {@code port} in
 * Tencent's docs; both are accepted); {@code QCE/LB_PUBLIC} is per listener or real server, where
 * {@code port} is the real server's port. {@code vpcId} is accepted and ignored. Any other
 * dimension name is {@code InvalidParameterValue} (a sandbox decision: a typo must not silently
 * widen the query).
 */
enum Namespace {
  LOADBALANCE(
      "QCE/LOADBALANCE",
      Map.of(
          "vip", TrafficStats.SeriesKey::vip,
          "loadBalancerPort", k -> String.valueOf(k.port()),
          "port", k -> String.valueOf(k.port()),
          "protocol", TrafficStats.SeriesKey::protocol,
          "domain", TrafficStats.SeriesKey::domain,
          "url", TrafficStats.SeriesKey::url)),
  LB_PUBLIC(
      "QCE/LB_PUBLIC",
      Map.of(
          "vip", TrafficStats.SeriesKey::vip,
          "loadBalancerPort", k -> String.valueOf(k.port()),
          "protocol", TrafficStats.SeriesKey::protocol,
          "lanIp", TrafficStats.SeriesKey::targetIp,
          "port", k -> String.valueOf(k.targetPort())));

  private final String wireName;
  private final Map<String, Function<TrafficStats.SeriesKey, String>> dimensions;

  Namespace(String wireName, Map<String, Function<TrafficStats.SeriesKey, String>> dimensions) {
    this.wireName = wireName;
    this.dimensions = dimensions;
  }

  static Optional<Namespace> find(String name) {
    return Arrays.stream(values()).filter(n -> n.wireName.equals(name)).findFirst();
  }

  /** Whether a series carries this dimension value; {@code protocol} compares without case. */
  boolean matches(TrafficStats.SeriesKey key, String dimension, String value) {
    if (dimension.equals("vpcId")) {
      return true;
    }
    Function<TrafficStats.SeriesKey, String> read = dimensions.get(dimension);
    if (read == null) {
      throw new ApiException(
          "InvalidParameterValue",
          "Dimension " + dimension + " is not supported in " + wireName + ".");
    }
    String actual = read.apply(key);
    return dimension.equals("protocol") ? value.equalsIgnoreCase(actual) : value.equals(actual);
  }
}
