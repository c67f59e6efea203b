package io.sluice.controller.config;

import io.sluice.controller.config.ControllerConfig.Ha;
import io.sluice.policies.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The rules of {@code controller.ha} the schema cannot say: the durations' ranges and their order,
 * the ensemble's ports, and replicas as vantage points (every replica probes from the vantage point
 * of its name, so {@code vantagePoints} lists the replicas).
 */
final class HaValidator {
  /** Fewer vantage points than this leave no majority that knows once one replica is lost. */
  static final int REPLICAS_FOR_ONE_LOSS = 3;

  private final Problems problems;

  HaValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(Ha ha, ConfigPath at, ConfigPath vantagePointsAt, List<String> vantagePoints) {
    range(
        ha.sessionTimeout(), Ha.MIN_SESSION_TIMEOUT, Ha.MAX_SESSION_TIMEOUT, at, "sessionTimeout");
    range(
        ha.connectionTimeout(),
        Ha.MIN_CONNECTION_TIMEOUT,
        Ha.MAX_CONNECTION_TIMEOUT,
        at,
        "connectionTimeout");
    range(ha.publishEvery(), Ha.MIN_PUBLISH_EVERY, Ha.MAX_PUBLISH_EVERY, at, "publishEvery");
    staleAfter(ha, at.key("staleAfter"));
    ports(ha.connect(), at.key("connect"));
    vantagePoints(ha, at, vantagePointsAt, vantagePoints);
  }

  private void range(Duration value, Duration min, Duration max, ConfigPath at, String key) {
    new DurationRange(min, max).check(problems, value, at.key(key));
  }

  /** Two missed repeats at least, so one late write does not make a live replica UNKNOWN. */
  private void staleAfter(Ha ha, ConfigPath at) {
    if (ha.staleAfter() == null || ha.publishEvery() == null) {
      return;
    }
    Duration least = ha.publishEvery().multipliedBy(2);
    if (ha.staleAfter().compareTo(least) < 0 || ha.staleAfter().compareTo(Ha.MAX_STALE_AFTER) > 0) {
      problems.at(
          at,
          "must be at least twice publishEvery ("
              + Durations.format(least)
              + ") and at most "
              + Durations.format(Ha.MAX_STALE_AFTER)
              + ", got "
              + Durations.format(ha.staleAfter()));
    }
  }

  private void ports(String connect, ConfigPath at) {
    if (connect == null) {
      return;
    }
    for (String server : connect.split(",")) {
      int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
      if (port < 1 || port > 65_535) {
        problems.at(at, "each server's port must be 1-65535, got '" + server + "'");
        return;
      }
    }
  }

  private void vantagePoints(
      Ha ha, ConfigPath at, ConfigPath vantagePointsAt, List<String> vantagePoints) {
    if (problems.isDefault(vantagePointsAt)) {
      problems.at(
          vantagePointsAt,
          "with controller.ha, list every replica's name: each replica probes from the vantage"
              + " point of its name, e.g. [zone-a, zone-b, zone-c]; got the default "
              + vantagePoints);
      return;
    }
    ha.replica()
        .filter(name -> !vantagePoints.contains(name))
        .ifPresent(
            name ->
                problems.at(
                    at.key("replica"),
                    "must be one of controller.vantagePoints " + vantagePoints + ", got " + name));
    if (vantagePoints.size() < REPLICAS_FOR_ONE_LOSS) {
      problems.warn(
          vantagePointsAt,
          "with "
              + vantagePoints.size()
              + " replicas, losing one leaves no majority of vantage points that knows: every"
              + " verdict becomes UNKNOWN and traffic holds where it is; run 3 replicas in 3 zones");
    }
  }
}
