package io.sluice.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One outcome and when it was taken: {@code atNanos} on the monotonic clock (for counting and
 * staleness, compared by subtraction) and {@code at} on the wall clock (for people).
 */
public record ProbeResult(ProbeOutcome outcome, long atNanos, Instant at) {
  public ProbeResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
  }

  /** {@link #outcome()} described, for logs and the explain API. */
  public String describe() {
    return outcome.describe() + " at " + at;
  }
}
