package io.sluice.health.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cloud.ClbRule;
import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLB's view of a rule judged as Up or Down, and the parsing of target status. */
final class ClbRuleHealthTest {
  private static final ClbRule RULE = new ClbRule("lb-1", "lbl-1", "loc-1");

  private static TargetState target(String id, long weight, TargetStatus status) {
    return new TargetState(id, "10.0.1.1", 80, weight, status);
  }

  @Test
  void oneWeightedAliveTargetIsEnoughByDefault() {
    var health =
        new ClbRuleHealth(
            RULE,
            List.of(
                target("ins-a", 10, TargetStatus.ALIVE), target("ins-b", 10, TargetStatus.DEAD)));

    assertThat(health.aliveFraction()).isEqualTo(0.5);
    assertThat(health.outcome(0, Duration.ZERO)).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(health.outcome(0.5, Duration.ZERO)).isInstanceOf(ProbeOutcome.Down.class);
  }

  @Test
  void anAliveTargetWithWeightZeroDoesNotServe() {
    var health =
        new ClbRuleHealth(
            RULE,
            List.of(
                target("ins-a", 0, TargetStatus.ALIVE), target("ins-b", 10, TargetStatus.DEAD)));

    assertThat(health.outcome(0, Duration.ZERO))
        .isEqualTo(
            new ProbeOutcome.Down(
                DownReason.CLOUD_REPORTED_UNHEALTHY,
                "0 of 1 targets Alive: ins-a Alive (weight 0), ins-b Dead"));
  }

  @Test
  void targetsNotProbedYetOrWithChecksOffSayNothing() {
    var health =
        new ClbRuleHealth(
            RULE,
            List.of(
                target("ins-a", 10, TargetStatus.UNKNOWN),
                target("ins-b", 10, TargetStatus.CLOSE)));

    assertThat(health.outcome(0, Duration.ZERO)).isInstanceOf(ProbeOutcome.Inconclusive.class);
  }

  @Test
  void aRuleWithoutTargetsIsInconclusiveNotDown() {
    assertThat(new ClbRuleHealth(RULE, List.of()).outcome(0, Duration.ZERO).describe())
        .startsWith("INCONCLUSIVE NOT_MEASURED: no weighted target has a health verdict");
  }

  @Test
  void statusComesFromTheDetailThenTheMisspelledFieldThenTheBoolean() {
    assertThat(TargetStatus.of("Close", "Alive", true)).isEqualTo(TargetStatus.CLOSE);
    assertThat(TargetStatus.of(null, "Dead", true)).isEqualTo(TargetStatus.DEAD);
    assertThat(TargetStatus.of(null, null, true)).isEqualTo(TargetStatus.ALIVE);
    assertThat(TargetStatus.of(null, null, false)).isEqualTo(TargetStatus.UNKNOWN);
  }
}
