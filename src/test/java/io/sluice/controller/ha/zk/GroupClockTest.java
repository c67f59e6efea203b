package io.sluice.controller.ha.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The group's clock from heartbeat samples: the smallest round trip of the last window wins. */
final class GroupClockTest {
  private static final long ORIGIN = -Duration.ofDays(3).toNanos(); // a monotonic clock below 0
  private static final long WALL = 1_700_000_000_000L;
  private static final long ZK = 1_800_000_000_000L; // ZooKeeper's clock, far from the wall's

  private final GroupClock clock = new GroupClock(Duration.ofMinutes(1), ORIGIN, WALL);

  private static long at(Duration d) {
    return ORIGIN + d.toNanos();
  }

  @Test
  void assumesTheWallClockUntilTheFirstSample() {
    assertThat(clock.groupMillis(at(Duration.ofMillis(250)))).isEqualTo(WALL + 250);
    assertThat(clock.localNanos(WALL + 250)).isEqualTo(at(Duration.ofMillis(250)));
  }

  @Test
  void takesZooKeepersStampAtTheRoundTripsMidpoint() {
    clock.sample(at(Duration.ofMillis(1000)), at(Duration.ofMillis(1040)), ZK);

    assertThat(clock.groupMillis(at(Duration.ofMillis(1020)))).isEqualTo(ZK);
    assertThat(clock.groupMillis(at(Duration.ofMillis(3020)))).isEqualTo(ZK + 2000);
    assertThat(clock.localNanos(ZK + 2000)).isEqualTo(at(Duration.ofMillis(3020)));
  }

  @Test
  void prefersTheSampleWithTheSmallestRoundTrip() {
    clock.sample(at(Duration.ofMillis(1000)), at(Duration.ofMillis(1010)), ZK);
    // a slow answer: its stamp could lie anywhere in 400 ms
    clock.sample(at(Duration.ofMillis(2000)), at(Duration.ofMillis(2400)), ZK + 1300);

    assertThat(clock.groupMillis(at(Duration.ofMillis(1005)))).isEqualTo(ZK);
    assertThat(clock.precision()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void forgetsSamplesOlderThanTheWindow() {
    clock.sample(at(Duration.ofMillis(1000)), at(Duration.ofMillis(1002)), ZK);
    clock.sample(at(Duration.ofSeconds(30)), at(Duration.ofMillis(30_050)), ZK + 29_025);
    assertThat(clock.precision()).isEqualTo(Duration.ofMillis(2));

    clock.sample(at(Duration.ofSeconds(62)), at(Duration.ofMillis(62_100)), ZK + 61_050);

    assertThat(clock.precision()).isEqualTo(Duration.ofMillis(50));
    assertThat(clock.groupMillis(at(Duration.ofMillis(30_025)))).isEqualTo(ZK + 29_025);
  }

  @Test
  void ofEqualRoundTripsTheNewestWins() {
    clock.sample(at(Duration.ofMillis(1000)), at(Duration.ofMillis(1010)), ZK);
    clock.sample(at(Duration.ofMillis(2000)), at(Duration.ofMillis(2010)), ZK + 1003);

    assertThat(clock.groupMillis(at(Duration.ofMillis(2005)))).isEqualTo(ZK + 1003);
  }
}
