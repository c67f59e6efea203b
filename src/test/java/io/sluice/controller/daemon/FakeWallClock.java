package io.sluice.controller.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A wall clock that runs at the pace of the monotonic one from a chosen instant and can be moved
 * forward, so that the daemon sees a calendar time of the test's choosing while its timers, dwell
 * and probes keep real time. Unlike {@link io.sluice.testing.MutableClock} it does not stand still:
 * a still wall clock would drift from the monotonic one and the tick loop would log a jump every
 * tick, not only when the test moves it.
 */
final class FakeWallClock extends Clock {
  private final long startNanos = System.nanoTime();
  private final AtomicReference<Instant> origin;

  FakeWallClock(Instant at) {
    this.origin = new AtomicReference<>(at);
  }

  /** From now on, the clock reads {@code at} and runs on from there. */
  void set(Instant at) {
    origin.set(at.minusNanos(System.nanoTime() - startNanos));
  }

  @Override
  public Instant instant() {
    return origin.get().plus(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the daemon reads instants only");
  }
}
