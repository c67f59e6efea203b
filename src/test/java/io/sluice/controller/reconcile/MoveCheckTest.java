package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.health.signal.RuleLoad;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

final class MoveCheckTest {
  private static final Instant CHANGE = Instant.parse("2030-01-01T10:00:30Z");
  private static final MoveCheck CHECK = new MoveCheck(CHANGE, Backend.SCF);

  private static Optional<RuleLoad> load(String periodStart, double requests) {
    return Optional.of(
        new RuleLoad(
            Instant.parse(periodStart),
            Duration.ofMinutes(1),
            requests,
            0,
            OptionalDouble.empty()));
  }

  @Test
  void onlyAChangeThatGivesABackendTrafficItHadNotIsChecked() {
    assertThat(MoveCheck.after(CHANGE, new TrafficSplit(100, 0), new TrafficSplit(0, 100)))
        .contains(CHECK);
    assertThat(MoveCheck.after(CHANGE, new TrafficSplit(0, 100), new TrafficSplit(50, 50)))
        .contains(new MoveCheck(CHANGE, Backend.CVM));
    assertThat(MoveCheck.after(CHANGE, new TrafficSplit(50, 50), new TrafficSplit(0, 100)))
        .isEmpty();
  }

  @Test
  void requestsInAPeriodAfterTheChangeMeanMoved() {
    assertThat(CHECK.judge(load("2030-01-01T10:01:00Z", 12), CHANGE.plusSeconds(60)))
        .contains(MoveCheck.Outcome.MOVED);
  }

  @Test
  void requestsCountedBeforeTheChangeProveNothing() {
    Optional<RuleLoad> before = load("2030-01-01T10:00:00Z", 500);

    assertThat(CHECK.judge(before, CHANGE.plusSeconds(60))).isEmpty();
    assertThat(CHECK.judge(before, CHANGE.plusSeconds(180))).contains(MoveCheck.Outcome.NO_DATA);
  }

  @Test
  void noRequestsThroughTheWindowIsSwitchedButNotMoved() {
    Optional<RuleLoad> empty = load("2030-01-01T10:02:00Z", 0);

    assertThat(CHECK.judge(empty, CHANGE.plusSeconds(179))).isEmpty();
    assertThat(CHECK.judge(empty, CHANGE.plusSeconds(180))).contains(MoveCheck.Outcome.NOT_MOVED);
  }

  @Test
  void withoutFiguresTheWindowEndsInNoData() {
    assertThat(CHECK.judge(Optional.empty(), CHANGE.plusSeconds(10))).isEmpty();
    assertThat(CHECK.judge(Optional.empty(), CHANGE.plusSeconds(181)))
        .contains(MoveCheck.Outcome.NO_DATA);
  }
}
