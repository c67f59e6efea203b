package io.sluice.health.monitor;

import io.sluice.health.CheckSpec;
import io.sluice.health.CheckThresholds;
import io.sluice.health.probe.ProbeSpec;
import java.util.Objects;

/**
 * One active probe to run: a check of a backend, or a sentinel.
 *
 * @param name unique among the checks of its backend, or among the sentinels
 * @param spec what to probe and how often
 * @param thresholds the fall and rise counts its results are read with
 */
public record ProbeWatch(String name, ProbeSpec spec, CheckThresholds thresholds) {
  public ProbeWatch {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(thresholds, "thresholds");
  }

  /**
   * The check the board keeps for this probe: it goes stale after {@value
   * CheckSpec#DEFAULT_STALE_INTERVALS} probe intervals without a conclusive result.
   */
  public CheckSpec checkSpec() {
    return CheckSpec.runEvery(name, thresholds, spec.interval());
  }
}
