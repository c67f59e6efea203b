package io.sluice.health;

import java.time.Duration;
import java.util.Objects;

/**
 * One probe or cloud signal watched for a backend (or a sentinel).
 *
 * @param name unique among the checks of one backend, or among the sentinels
 * @param thresholds the fall and rise counts
 * @param staleAfter how long after its last conclusive result the check stops knowing and reads
 *     UNKNOWN; usually {@value #DEFAULT_STALE_INTERVALS} probe intervals
 */
public record CheckSpec(String name, CheckThresholds thresholds, Duration staleAfter) {
  public static final int DEFAULT_STALE_INTERVALS = 3;

  public CheckSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: must not be blank");
    }
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(staleAfter, "staleAfter");
    if (staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException(
          "staleAfter: must be more than zero, got " + staleAfter + " for check '" + name + "'");
    }
  }

  /**
   * A check run every {@code interval}, going stale after {@value #DEFAULT_STALE_INTERVALS} of them
   * without a conclusive result.
   */
  public static CheckSpec runEvery(String name, CheckThresholds thresholds, Duration interval) {
    return new CheckSpec(name, thresholds, interval.multipliedBy(DEFAULT_STALE_INTERVALS));
  }

  /** A check probed every {@code interval} with default thresholds and staleness. */
  public static CheckSpec probedEvery(String name, Duration interval) {
    return new CheckSpec(
        name, CheckThresholds.DEFAULT, interval.multipliedBy(DEFAULT_STALE_INTERVALS));
  }
}
