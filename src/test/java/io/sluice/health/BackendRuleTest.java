package io.sluice.health;

import static io.sluice.policies.Verdict.DOWN;
import static io.sluice.policies.Verdict.UNKNOWN;
import static io.sluice.policies.Verdict.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class BackendRuleTest {
  private static final BackendRule ALL = BackendRule.DEFAULT;

  private static Map<String, Verdict> checks(Object... nameAndStatus) {
    Map<String, Verdict> checks = new LinkedHashMap<>();
    for (int i = 0; i < nameAndStatus.length; i += 2) {
      checks.put((String) nameAndStatus[i], (Verdict) nameAndStatus[i + 1]);
    }
    return checks;
  }

  private static BackendRule atLeast(int n, String... mustPass) {
    return new BackendRule(Composition.atLeast(n), Set.of(mustPass), BackendRule.DEFAULT_QUORUM);
  }

  private static BackendRule quorum(double quorum) {
    return new BackendRule(Composition.all(), Set.of(), quorum);
  }

  @Test
  void allIsUpOnlyWhenEveryCheckIsUp() {
    assertThat(ALL.atVantage(checks("http", UP, "tcp", UP))).isEqualTo(UP);
    assertThat(ALL.atVantage(checks("http", UP, "tcp", DOWN))).isEqualTo(DOWN);
  }

  @Test
  void allIsDownWhenOneCheckIsDownEvenIfAnotherIsUnknown() {
    assertThat(ALL.atVantage(checks("http", UNKNOWN, "tcp", DOWN))).isEqualTo(DOWN);
  }

  @Test
  void allIsUnknownWhenACheckIsUnknownAndNoneIsDown() {
    assertThat(ALL.atVantage(checks("http", UP, "tcp", UNKNOWN))).isEqualTo(UNKNOWN);
  }

  @Test
  void atLeastIsUpWithEnoughUpChecksWhateverTheOthersSay() {
    assertThat(atLeast(1).atVantage(checks("http", UP, "tcp", UNKNOWN, "clb", DOWN))).isEqualTo(UP);
    assertThat(atLeast(2).atVantage(checks("http", UP, "tcp", UP, "clb", DOWN))).isEqualTo(UP);
  }

  @Test
  void atLeastIsDownWhenTooFewChecksCouldStillBeUp() {
    assertThat(atLeast(2).atVantage(checks("http", UP, "tcp", DOWN, "clb", DOWN))).isEqualTo(DOWN);
  }

  @Test
  void atLeastIsUnknownWhileUnknownChecksCouldDecideIt() {
    assertThat(atLeast(2).atVantage(checks("http", UP, "tcp", UNKNOWN, "clb", DOWN)))
        .isEqualTo(UNKNOWN);
  }

  @Test
  void aMustPassCheckDownMakesTheBackendDownThoughTheCompositionHolds() {
    assertThat(atLeast(1, "clb").atVantage(checks("http", UP, "clb", DOWN))).isEqualTo(DOWN);
  }

  @Test
  void aMustPassCheckUnknownMakesTheBackendUnknownThoughTheCompositionHolds() {
    assertThat(atLeast(1, "clb").atVantage(checks("http", UP, "clb", UNKNOWN))).isEqualTo(UNKNOWN);
    assertThat(atLeast(1, "clb").atVantage(checks("http", UP, "clb", UP))).isEqualTo(UP);
  }

  @Test
  void oneOfTwoVantagePointsSayingUpIsMoreThanTheRoute53Quorum() {
    assertThat(ALL.acrossVantages(List.of(UP, DOWN))).isEqualTo(UP);
    assertThat(ALL.acrossVantages(List.of(DOWN, DOWN))).isEqualTo(DOWN);
  }

  @Test
  void oneOfThreeVantagePointsSayingUpIsMoreThanTheRoute53Quorum() {
    assertThat(ALL.acrossVantages(List.of(DOWN, UP, DOWN))).isEqualTo(UP);
    assertThat(ALL.acrossVantages(List.of(DOWN, DOWN, DOWN))).isEqualTo(DOWN);
  }

  @Test
  void aShareEqualToTheQuorumIsNotEnough() {
    assertThat(quorum(0.5).acrossVantages(List.of(UP, DOWN))).isEqualTo(DOWN);
    assertThat(quorum(0.5).acrossVantages(List.of(UP, UP, DOWN))).isEqualTo(UP);
  }

  @Test
  void vantagePointsThatDoNotKnowAreLeftOutOfTheVoteWhenAMajorityKnows() {
    assertThat(quorum(0.5).acrossVantages(List.of(UNKNOWN, UP, DOWN, UNKNOWN, UP))).isEqualTo(UP);
    assertThat(ALL.acrossVantages(List.of(UNKNOWN, DOWN, DOWN))).isEqualTo(DOWN);
  }

  @Test
  void withoutAMajorityKnowingTheVerdictIsUnknown() {
    assertThat(ALL.acrossVantages(List.of(UNKNOWN, DOWN, UNKNOWN))).isEqualTo(UNKNOWN);
    assertThat(ALL.acrossVantages(List.of(UNKNOWN, UP))).isEqualTo(UNKNOWN);
    assertThat(ALL.acrossVantages(List.of(DOWN))).isEqualTo(DOWN);
  }

  @Test
  void isUnknownWhenNoVantagePointKnows() {
    assertThat(ALL.acrossVantages(List.of(UNKNOWN, UNKNOWN))).isEqualTo(UNKNOWN);
  }

  @Test
  void rejectsAQuorumOutsideZeroToOne() {
    assertThatThrownBy(() -> quorum(1.0))
        .hasMessageContaining("quorum")
        .hasMessageContaining("1.0");
    assertThatThrownBy(() -> quorum(-0.1)).hasMessageContaining("-0.1");
  }

  @Test
  void rejectsMustPassChecksTheBackendDoesNotHaveNamingThem() {
    assertThatThrownBy(() -> atLeast(1, "clb", "http").requireFits("shop/cvm", List.of("http")))
        .hasMessageContaining("shop/cvm.mustPass")
        .hasMessageContaining("[clb]");
  }

  @Test
  void rejectsACompositionNeedingMoreChecksThanTheBackendHas() {
    assertThatThrownBy(() -> atLeast(3).requireFits("shop/scf", List.of("http", "tcp")))
        .hasMessageContaining("shop/scf.composition")
        .hasMessageContaining("at least 3");
  }

  private static final BackendRule WITH_SIGNAL = ALL.withSignals(Set.of("clb", "vm"), Set.of());

  @Test
  void aDownOnlyCheckThatIsDownMakesTheBackendDownWhateverTheProbesSay() {
    assertThat(WITH_SIGNAL.atVantage(checks("http", UP, "clb", DOWN))).isEqualTo(DOWN);
    assertThat(WITH_SIGNAL.atVantage(checks("http", UNKNOWN, "clb", DOWN))).isEqualTo(DOWN);
  }

  @Test
  void aDownOnlyCheckThatIsUnknownLeavesTheVerdictToTheProbes() {
    assertThat(WITH_SIGNAL.atVantage(checks("http", UP, "clb", UNKNOWN))).isEqualTo(UP);
    assertThat(WITH_SIGNAL.atVantage(checks("http", DOWN, "clb", UNKNOWN))).isEqualTo(DOWN);
  }

  @Test
  void aDownOnlyCheckThatIsUpCannotOutvoteTheProbes() {
    assertThat(WITH_SIGNAL.atVantage(checks("http", DOWN, "clb", UP))).isEqualTo(DOWN);
    assertThat(WITH_SIGNAL.atVantage(checks("http", UNKNOWN, "clb", UP))).isEqualTo(UNKNOWN);
  }

  @Test
  void downOnlyChecksDoNotCountTowardsTheComposition() {
    BackendRule rule = atLeast(1).withSignals(Set.of("clb"), Set.of());

    assertThatThrownBy(() -> rule.requireFits("shop/cvm", List.of("clb")))
        .hasMessageContaining("needs 1 checks, the backend has 0 besides its down-only ones");
    assertThat(rule.atVantage(checks("http", UP, "clb", UP))).isEqualTo(UP);
  }

  @Test
  void aDownOnlyCheckMustExistAndCannotAlsoBeRequired() {
    assertThatThrownBy(() -> WITH_SIGNAL.requireFits("shop/cvm", List.of("http", "vm")))
        .hasMessageContaining("unknown checks [clb]");
    assertThatThrownBy(() -> atLeast(1, "clb").withSignals(Set.of("clb"), Set.of()))
        .hasMessageContaining("check 'clb' is down-only, so it cannot be one that must pass");
  }

  private static final BackendRule CONTRADICTED =
      ALL.withSignals(Set.of("clb", "vm"), Set.of("clb"));

  @Test
  void aContradictingSignalThatIsUpTurnsTheProbesDownIntoUnknown() {
    assertThat(CONTRADICTED.atVantage(checks("http", DOWN, "clb", UP, "vm", UP)))
        .isEqualTo(UNKNOWN);
    assertThat(
            atLeast(1, "http")
                .withSignals(Set.of("clb"), Set.of("clb"))
                .atVantage(checks("http", DOWN, "tcp", UP, "clb", UP)))
        .as("a must-pass probe that is DOWN is contradicted too")
        .isEqualTo(UNKNOWN);
  }

  @Test
  void onlyTheContradictingSignalsContradict() {
    assertThat(CONTRADICTED.atVantage(checks("http", DOWN, "clb", UNKNOWN, "vm", UP)))
        .isEqualTo(DOWN);
  }

  @Test
  void aContradictingSignalNeverOverridesASignalThatSeesTheBackendDown() {
    assertThat(CONTRADICTED.atVantage(checks("http", DOWN, "clb", UP, "vm", DOWN))).isEqualTo(DOWN);
  }

  @Test
  void contradictingSignalsMustBeDownOnly() {
    assertThatThrownBy(() -> ALL.withSignals(Set.of("vm"), Set.of("clb")))
        .hasMessageContaining("contradicting checks must be down-only checks");
  }
}
