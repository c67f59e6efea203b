package io.sluice.controller.ha.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Whose wall clock the group outvotes ({@link ClockCheck}). */
final class ClockCheckTest {
  private static final ClockCheck CHECK = new ClockCheck(Duration.ofMinutes(1));
  private static final long TEN_MINUTES = Duration.ofMinutes(10).toMillis();

  @Test
  void oneReplicaTenMinutesAheadOfTwoIsOutOfStepAndTheOthersAreNot() {
    Map<String, Long> offsets = Map.of("r1", 40L, "r2", -15L, "r3", TEN_MINUTES + 20);

    ClockCheck.Judgement jumped = CHECK.judge("r3", offsets);
    assertThat(jumped.inStep()).isFalse();
    assertThat(jumped.skew()).isEqualTo(Duration.ofMillis(TEN_MINUTES + 20 - 40));
    assertThat(jumped.disagreeing()).containsExactly("r1", "r2");

    ClockCheck.Judgement r1 = CHECK.judge("r1", offsets);
    assertThat(r1.inStep()).isTrue();
    assertThat(r1.skew()).isZero(); // r1's offset is the median
    assertThat(r1.disagreeing()).containsExactly("r3");
    assertThat(CHECK.judge("r2", offsets).inStep()).isTrue();
  }

  @Test
  void theEnsemblesOwnClockBeingOffBenchesNobody() {
    long zooKeeperBehind = TEN_MINUTES * 3;
    Map<String, Long> offsets =
        Map.of("r1", zooKeeperBehind, "r2", zooKeeperBehind + 5, "r3", zooKeeperBehind - 7);

    for (String replica : offsets.keySet()) {
      assertThat(CHECK.judge(replica, offsets).inStep()).as(replica).isTrue();
      assertThat(CHECK.judge(replica, offsets).skew().abs())
          .as(replica)
          .isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void twoReplicasApartKeepBothInStepSinceNeitherIsOutvoted() {
    Map<String, Long> offsets = Map.of("r1", 0L, "r2", TEN_MINUTES);

    assertThat(CHECK.judge("r1", offsets).inStep()).isTrue();
    assertThat(CHECK.judge("r2", offsets).inStep()).isTrue();
  }

  @Test
  void whenNoTwoClocksAgreeNoneIsBenchedAndTheGroupKeepsALeader() {
    Map<String, Long> offsets = Map.of("r1", 0L, "r2", TEN_MINUTES, "r3", -TEN_MINUTES);

    for (String replica : offsets.keySet()) {
      assertThat(CHECK.judge(replica, offsets).inStep()).as(replica).isTrue();
    }
  }

  @Test
  void aReplicaWithoutAHeartbeatClockYetIsInStep() {
    ClockCheck.Judgement judgement = CHECK.judge("r4", Map.of("r1", 0L, "r2", 3L));

    assertThat(judgement.inStep()).isTrue();
    assertThat(judgement.skew()).isZero();
    assertThat(judgement.disagreeing()).isEmpty();
  }

  @Test
  void theBoundItselfStillAgrees() {
    long bound = Duration.ofMinutes(1).toMillis();
    Map<String, Long> offsets = Map.of("r1", 0L, "r2", 0L, "r3", bound);

    assertThat(CHECK.judge("r3", offsets).inStep()).isTrue();
    assertThat(CHECK.judge("r3", Map.of("r1", 0L, "r2", 0L, "r3", bound + 1)).inStep()).isFalse();
  }

  /**
   * However the clocks lie: some replica is always in step (the group keeps a candidate), and a
   * replica within the bound of a strict majority is never benched.
   */
  @Property
  void someReplicaIsAlwaysInStepAndAMajoritysMemberNeverIsBenched(
      @ForAll @IntRange(min = 1, max = 7) int replicas, @ForAll("offsets") List<Long> drawn) {
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (int i = 0; i < replicas; i++) {
      offsets.put("r" + (i + 1), drawn.get(i % drawn.size()));
    }

    List<String> inStep =
        offsets.keySet().stream().filter(r -> CHECK.judge(r, offsets).inStep()).toList();
    assertThat(inStep).isNotEmpty();
    for (String replica : offsets.keySet()) {
      long agreeing =
          offsets.values().stream()
              .filter(o -> Math.abs(o - offsets.get(replica)) <= CHECK.bound().toMillis())
              .count();
      if (agreeing * 2 > replicas) {
        assertThat(inStep)
            .as("%s agrees with %d of %d", replica, agreeing, replicas)
            .contains(replica);
      }
    }
  }

  @Provide
  Arbitrary<List<Long>> offsets() {
    return Arbitraries.longs()
        .between(-3 * TEN_MINUTES, 3 * TEN_MINUTES)
        .list()
        .ofMinSize(1)
        .ofMaxSize(7);
  }
}
