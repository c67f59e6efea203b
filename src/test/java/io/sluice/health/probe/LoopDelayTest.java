package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stall meter on a fake clock, near the point where monotonic nanos wrap. */
final class LoopDelayTest {
  private static final long TICK = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long STALL = LoopDelay.STALL_NANOS;

  private final LoopDelay delay = new LoopDelay();
  private long now = Long.MAX_VALUE - TimeUnit.SECONDS.toNanos(1);

  @Test
  void aLoopThatKeepsTimeHasNoStall() {
    long probeStart = now;
    for (int i = 0; i < 100; i++) {
      tickOnTime(TICK + STALL / 2); // late, but by less than a stall
    }

    assertThat(delay.stallSince(probeStart, now)).isZero();
  }

  @Test
  void aStallThatEndedDuringTheProbeCounts() {
    long probeStart = now;
    tickOnTime(TICK);
    arm();
    now += TICK + STALL + 1_000_000;
    delay.ticked(now);
    tickOnTime(TICK);

    assertThat(delay.stallSince(probeStart, now)).isEqualTo(STALL + 1_000_000);
  }

  @Test
  void aStallThatEndedBeforeTheProbeStartedDoesNot() {
    arm();
    now += TICK + 2 * STALL;
    delay.ticked(now);
    tickOnTime(TICK);
    long probeStart = now + 1;
    tickOnTime(TICK);

    assertThat(delay.stallSince(probeStart, now)).isZero();
  }

  @Test
  void aStallStillGoingOnCountsBeforeItsTickRuns() {
    long probeStart = now;
    arm();
    now += TICK + STALL + 1;

    assertThat(delay.stallSince(probeStart, now)).isEqualTo(STALL + 1);
  }

  private void arm() {
    delay.armed(now + TICK);
  }

  private void tickOnTime(long after) {
    arm();
    now += after;
    delay.ticked(now);
  }
}
