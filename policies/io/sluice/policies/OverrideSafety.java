package io.sluice.policies;

import java.util.Optional;

/**
 * The assertion rule for overrides (after AWS ARC's safety rules): an override may route to a DOWN
 * backend while the other one is UP only when the operator forces it.
 */
public final class OverrideSafety {
  private OverrideSafety() {}

  /**
   * The DOWN backend that {@code split} sends traffic to while the other backend is UP, if any. An
   * override with such a split must be forced.
   */
  public static Optional<Backend> downBackendRouted(TrafficSplit split, HealthSnapshot health) {
    for (Backend b : Backend.values()) {
      if (split.routesTo(b) && health.isDown(b) && health.isUp(b.other())) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
