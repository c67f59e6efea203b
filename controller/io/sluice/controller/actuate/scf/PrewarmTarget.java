package io.sluice.controller.actuate.scf;

import io.sluice.cloud.FunctionRef;
import io.sluice.controller.config.BackendConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a route pre-warms: the function version CLB binds and how many instances it asks for.
 *
 * @param waitFor how long a shift to SCF waits for the instances ({@code prewarm.waitFor})
 */
public record PrewarmTarget(
    Prewarmer prewarmer, FunctionRef function, int count, Duration waitFor) {
  public PrewarmTarget {
    Objects.requireNonNull(prewarmer, "prewarmer");
    Objects.requireNonNull(function, "function");
    if (count < 1) {
      throw new IllegalArgumentException("count: must be at least 1, got " + count);
    }
    if (waitFor.isNegative() || waitFor.isZero()) {
      throw new IllegalArgumentException("waitFor: must be more than 0s, got " + waitFor);
    }
  }

  /** The service's SCF backend pre-warmed through {@code prewarmer}; empty without a prewarm. */
  public static Optional<PrewarmTarget> of(BackendConfig.Scf scf, Prewarmer prewarmer) {
    return scf.prewarm()
        .map(
            p ->
                new PrewarmTarget(
                    prewarmer, scf.function().ref(), p.provisionedConcurrency(), p.waitFor()));
  }
}
