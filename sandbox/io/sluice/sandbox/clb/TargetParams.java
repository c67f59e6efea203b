package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code Targets} parameter of the CVM-target writes. Targets are named by {@code
 * InstanceId} and {@code Port}; binding by {@code EniIp} is not emulated ({@code
 * UnsupportedOperation}). A weight outside 0-100 is {@code InvalidParameterValue.Range}
 * (UNCONFIRMED code, reference section 3.9).
 */
final class TargetParams {
  private TargetParams() {}

  /** Targets to bind, each with its weight or the documented default 10. */
  static List<CvmTarget> toRegister(Params p, InstanceDirectory directory) {
    List<CvmTarget> out = new ArrayList<>();
    for (Params t : limited(p, ClbSettings.MAX_TARGETS_PER_CALL)) {
      TargetBinding b = binding(t);
      if (directory.privateIp(b.instanceId()).isEmpty()) {
        throw new ApiException(
            "InvalidParameterValue", "InstanceId " + b.instanceId() + " is not a known instance.");
      }
      out.add(
          new CvmTarget(b.instanceId(), b.port(), weight(t, "Weight", CvmTarget.DEFAULT_WEIGHT)));
    }
    return out;
  }

  static List<TargetBinding> toDeregister(Params p) {
    return limited(p, ClbSettings.MAX_TARGETS_PER_CALL).stream()
        .map(TargetParams::binding)
        .toList();
  }

  /**
   * New weights: a target's own {@code Weight}, else the request's fallback {@code Weight}, else
   * the documented default 10.
   */
  static Map<TargetBinding, Integer> weights(Params p, int limit) {
    int fallback = weight(p, "Weight", CvmTarget.DEFAULT_WEIGHT);
    Map<TargetBinding, Integer> out = new LinkedHashMap<>();
    for (Params t : limited(p, limit)) {
      out.put(binding(t), weight(t, "Weight", fallback));
    }
    return out;
  }

  static int weight(Params p, String name, int absent) {
    long w = p.optLong(name).orElse((long) absent);
    if (w < 0 || w > CvmTarget.MAX_WEIGHT) {
      throw new ApiException(
          "InvalidParameterValue.Range",
          "The value of parameter `" + name + "` must be 0-100, got " + w + ".");
    }
    return (int) w;
  }

  private static List<Params> limited(Params p, int limit) {
    p.requireArray("Targets");
    List<Params> targets = p.objects("Targets");
    if (targets.isEmpty()) {
      throw new ApiException("InvalidParameterValue", "The parameter `Targets` must not be empty.");
    }
    if (targets.size() > limit) {
      throw new ApiException(
          "LimitExceeded",
          "At most " + limit + " targets are allowed per call, got " + targets.size() + ".");
    }
    return targets;
  }

  private static TargetBinding binding(Params t) {
    if (t.has("EniIp")) {
      throw new ApiException(
          "UnsupportedOperation", "The sandbox binds targets by InstanceId only, not by EniIp.");
    }
    long port = t.requireLong("Port");
    if (port < 1 || port > 65535) {
      throw new ApiException(
          "InvalidParameterValue.Range", "The value of parameter `Port` must be 1-65535.");
    }
    return new TargetBinding(t.requireString("InstanceId"), (int) port);
  }
}
