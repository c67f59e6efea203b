package io.sluice.sandbox.dataplane.clb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TargetHealthTrackerTest {

  private final TargetHealthTracker tracker = new TargetHealthTracker(3, 2);

  @Test
  void staysUnknownUntilAThresholdIsFirstReached() {
    assertThat(tracker.record(true)).isEqualTo(TargetHealth.UNKNOWN);
    assertThat(tracker.record(true)).isEqualTo(TargetHealth.UNKNOWN);
    assertThat(tracker.record(true)).isEqualTo(TargetHealth.ALIVE);
  }

  @Test
  void flipsOnlyAfterConsecutiveResults() {
    tracker.record(true);
    tracker.record(true);
    tracker.record(true);
    assertThat(tracker.record(false)).isEqualTo(TargetHealth.ALIVE);
    assertThat(tracker.record(true)).isEqualTo(TargetHealth.ALIVE);
    assertThat(tracker.record(false)).isEqualTo(TargetHealth.ALIVE);
    assertThat(tracker.record(false)).isEqualTo(TargetHealth.DEAD);
    assertThat(tracker.record(true)).isEqualTo(TargetHealth.DEAD);
  }
}
