package io.sluice.health;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Probe results on a test clock. The monotonic origin sits just below {@link Long#MAX_VALUE} by
 * default, so that a few seconds of probing wrap around and every comparison must use subtraction.
 */
final class Probes {
  static final long NEAR_MAX = Long.MAX_VALUE - Duration.ofSeconds(5).toNanos();
  static final long BELOW_ZERO = -Duration.ofDays(3).toNanos() - 12_345;
  static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");

  private final long origin;

  /** Clock origins for properties: near the wrap, below zero, anywhere. */
  static Arbitrary<Long> origins() {
    return Arbitraries.oneOf(
        Arbitraries.just(NEAR_MAX), Arbitraries.just(BELOW_ZERO), Arbitraries.longs());
  }

  Probes(long origin) {
    this.origin = origin;
  }

  /** Monotonic nanos {@code millis} after the origin. */
  long at(long millis) {
    return origin + Duration.ofMillis(millis).toNanos();
  }

  ProbeResult up(long millis) {
    return result(new ProbeOutcome.Up(Duration.ofMillis(12)), millis);
  }

  ProbeResult down(long millis) {
    return down(DownReason.CONNECTION_REFUSED, millis);
  }

  ProbeResult down(DownReason reason, long millis) {
    return result(new ProbeOutcome.Down(reason, "probe said " + reason), millis);
  }

  ProbeResult inconclusive(long millis) {
    return inconclusive(InconclusiveCause.PROBER_LAG, millis);
  }

  ProbeResult inconclusive(InconclusiveCause cause, long millis) {
    return result(new ProbeOutcome.Inconclusive(cause, "could not measure"), millis);
  }

  private ProbeResult result(ProbeOutcome outcome, long millis) {
    return new ProbeResult(outcome, at(millis), WALL.plusMillis(millis));
  }
}
