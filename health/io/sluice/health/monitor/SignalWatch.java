package io.sluice.health.monitor;

import io.sluice.health.CheckSpec;
import io.sluice.health.CheckThresholds;
import java.time.Duration;
import java.util.Objects;

/**
 * One cloud signal to read for a backend, on its own interval. Its results are a check of the
 * backend like a probe's, but down-only: see {@link io.sluice.health.BackendRule}.
 *
 * @param name unique among the backend's probes and signals
 * @param contradictsProbes whether this signal's UP turns the probes' DOWN into UNKNOWN
 */
public record SignalWatch(
    String name,
    Duration interval,
    CheckThresholds thresholds,
    CloudSignal signal,
    boolean contradictsProbes) {
  public SignalWatch {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(signal, "signal");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "interval: must be more than zero, got " + interval + " for signal '" + name + "'");
    }
  }

  public CheckSpec checkSpec() {
    return CheckSpec.runEvery(name, thresholds, interval);
  }
}
