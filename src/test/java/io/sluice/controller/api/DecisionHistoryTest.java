package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Phase;
import io.sluice.policies.Reason;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DecisionHistoryTest {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final HealthSnapshot UP = HealthSnapshot.of(Verdict.UP, Verdict.UP, 1, T0);
  static final HealthSnapshot CVM_DOWN = HealthSnapshot.of(Verdict.DOWN, Verdict.UP, 1, T0);

  static Decision hold(int cvm, String rule) {
    return new Decision.Hold(
        new TrafficSplit(cvm, 100 - cvm), Phase.NORMAL, Reason.of(rule, rule), List.of(), false);
  }

  @Test
  void repeatedDecisionsShareAnEntryAndExplainFindsTheOneInForce() {
    DecisionHistory history = new DecisionHistory(10);
    for (int s = 0; s < 30; s++) {
      history.record(
          "shop", "r", T0.plusSeconds(s), hold(100, "primary-serving"), UP, Optional.empty(), "v1");
    }
    history.record(
        "shop", "r", T0.plusSeconds(30), hold(0, "failover"), CVM_DOWN, Optional.empty(), "v1");

    assertThat(history.latest("shop", "r", 10)).hasSize(2);
    HistoryEntry first = history.latest("shop", "r", 10).getFirst();
    assertThat(first.since()).isEqualTo(T0);
    assertThat(first.until()).isEqualTo(T0.plusSeconds(29));
    assertThat(
            history
                .at("shop", List.of("r"), T0.plusSeconds(15))
                .getFirst()
                .decision()
                .reason()
                .rule())
        .isEqualTo("primary-serving");
    assertThat(
            history
                .at("shop", List.of("r"), T0.plusSeconds(45))
                .getFirst()
                .decision()
                .reason()
                .rule())
        .isEqualTo("failover");
    assertThat(history.at("shop", List.of("r"), T0.minusSeconds(1))).isEmpty();
    assertThat(history.at("lab", List.of("r"), T0.plusSeconds(15))).isEmpty();
  }

  @Test
  void aNewPolicyVersionOrVerdictStartsANewEntry() {
    DecisionHistory history = new DecisionHistory(10);
    history.record("shop", "r", T0, hold(100, "x"), UP, Optional.empty(), "v1");
    history.record(
        "shop", "r", T0.plusSeconds(1), hold(100, "x"), CVM_DOWN, Optional.empty(), "v1");
    history.record(
        "shop", "r", T0.plusSeconds(2), hold(100, "x"), CVM_DOWN, Optional.empty(), "v2");
    assertThat(history.latest("shop", "r", 10)).hasSize(3);
  }

  @Test
  void isBoundedDroppingTheOldest() {
    DecisionHistory history = new DecisionHistory(3);
    for (int i = 0; i < 10; i++) {
      history.record(
          "shop", "r", T0.plusSeconds(i), hold(i * 10, "step" + i), UP, Optional.empty(), "v1");
    }
    assertThat(history.latest("shop", "r", 100))
        .extracting(e -> e.decision().reason().rule())
        .containsExactly("step7", "step8", "step9");
    assertThat(history.at("shop", List.of("r"), T0.plusSeconds(2))).isEmpty();
  }
}
