package io.sluice.nemesis;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of the sandbox's routing history ({@code GET /admin/routing}): from {@code time} on,
 * {@code resource} (a CLB rule or a DNS name) sends traffic to these targets with these weights.
 */
record RoutingChange(Instant time, String resource, Map<String, Integer> targets) {
  RoutingChange {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(resource, "resource");
    targets = Map.copyOf(targets);
  }

  /** True when no target gets any traffic: every weight is 0, or there is no target. */
  boolean routesNowhere() {
    return targets.values().stream().mapToInt(Integer::intValue).sum() == 0;
  }

  /** The targets that get traffic (weight above 0). */
  Set<String> carrying() {
    Set<String> out = new TreeSet<>();
    targets.forEach(
        (target, weight) -> {
          if (weight > 0) {
            out.add(target);
          }
        });
    return out;
  }
}
