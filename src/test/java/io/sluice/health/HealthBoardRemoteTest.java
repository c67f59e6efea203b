package io.sluice.health;

import static io.sluice.policies.Backend.CVM;
import static io.sluice.policies.Backend.SCF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every replica a vantage point: the board probes from "a" and takes "b" and "c" as reports, which
 * count until they are older than {@link #STALE_AFTER} or their replica left.
 */
final class HealthBoardRemoteTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration STALE_AFTER = Duration.ofSeconds(5);
  private static final VantagePoints ABC =
      new VantagePoints(List.of("a", "b", "c"), "a", STALE_AFTER);

  private static final CheckSpec LASTING_HTTP =
      new CheckSpec("http", CheckThresholds.DEFAULT, Duration.ofHours(1));

  private final Probes probes = new Probes(Probes.NEAR_MAX);

  /**
   * Service "shop" with one http check on each backend (fall 3, rise 2), judged by {@code rule}.
   */
  private static HealthBoard shop(BackendRule rule) {
    HealthBoard board = new HealthBoard(ABC, CorrelationGuard.DEFAULT);
    board.addService("shop");
    for (Backend backend : Backend.values()) {
      board.addBackend("shop", backend, rule, List.of(LASTING_HTTP));
    }
    return board;
  }

  private void localCvm(HealthBoard board, boolean up, long fromMillis) {
    for (int i = 0; i < CheckThresholds.DEFAULT_FALL; i++) {
      long at = fromMillis + i * 1000L;
      board.record("shop", CVM, "http", "a", up ? probes.up(at) : probes.down(at));
    }
  }

  private static Map<String, Map<Backend, Verdict>> cvm(Verdict verdict) {
    return Map.of("shop", Map.of(CVM, verdict));
  }

  private void fromBAndC(
      HealthBoard board, Map<String, Map<Backend, Verdict>> report, long millis) {
    board.report("b", report, probes.at(millis));
    board.report("c", report, probes.at(millis));
  }

  private Verdict cvmAt(HealthBoard board, long millis) {
    return board.snapshot("shop", 1, Probes.WALL, OptionalDouble.empty(), probes.at(millis)).cvm();
  }

  /** What settle tells across vantage points, as "CVM FROM->TO". */
  private List<String> settle(HealthBoard board, long millis) {
    return settleAt(board, probes.at(millis));
  }

  private static List<String> settleAt(HealthBoard board, long nanos) {
    List<String> told = new ArrayList<>();
    board.settle(nanos, (s, backend, from, to) -> told.add(backend + " " + from + "->" + to));
    return told;
  }

  @Test
  void decidesOnTheQuorumOverTheLocalAndTheReportedVerdicts() {
    BackendRule majority = new BackendRule(Composition.all(), Set.of(), 0.5);
    for (BackendRule rule : List.of(BackendRule.DEFAULT, majority)) {
      HealthBoard board = shop(rule);
      localCvm(board, false, 0);
      board.report("b", cvm(Verdict.DOWN), probes.at(2000));
      board.report("c", cvm(Verdict.UP), probes.at(2000));

      Verdict expected = rule.acrossVantages(List.of(Verdict.DOWN, Verdict.DOWN, Verdict.UP));
      assertThat(cvmAt(board, 2000)).as("quorum %s", rule.quorum()).isEqualTo(expected);
    }
    assertThat(
            List.of(
                BackendRule.DEFAULT.acrossVantages(List.of(Verdict.DOWN, Verdict.DOWN, Verdict.UP)),
                majority.acrossVantages(List.of(Verdict.DOWN, Verdict.DOWN, Verdict.UP))))
        .as("one UP of three is more than 18%, not more than 50%")
        .containsExactly(Verdict.UP, Verdict.DOWN);
  }

  @Test
  void aRemoteThatStopsReportingGoesUnknownExactlyAfterStaleAfterWithoutAnyFurtherResult() {
    HealthBoard board = shop(BackendRule.DEFAULT);
    localCvm(board, false, 0);
    board.report("b", cvm(Verdict.DOWN), probes.at(2000));
    board.report("c", cvm(Verdict.DOWN), probes.at(3000));
    assertThat(settle(board, 3000)).containsExactly("CVM UNKNOWN->DOWN");

    long bStale = 2000 + STALE_AFTER.toMillis();
    assertThat(settle(board, bStale)).as("b's report is exactly staleAfter old").isEmpty();
    assertThat(cvmAt(board, bStale)).isEqualTo(Verdict.DOWN);

    long justAfter = probes.at(bStale) + 1;
    assertThat(settleAt(board, justAfter)).as("a and c still know: 2 of 3").isEmpty();
    assertThat(board.backendHealth("shop", CVM, justAfter).summary())
        .contains("b UNKNOWN (stale, reported 5.0 s ago)")
        .contains("c DOWN (reported 4.0 s ago)");

    assertThat(settle(board, 3000 + STALE_AFTER.toMillis() + 1))
        .as("c stale too: one knowing vantage point of three")
        .containsExactly("CVM DOWN->UNKNOWN");
  }

  @Test
  void aFreshReportMakesAStaleVantagePointCountAgain() {
    HealthBoard board = shop(BackendRule.DEFAULT);
    fromBAndC(board, cvm(Verdict.UP), 0);
    assertThat(settle(board, 0)).containsExactly("CVM UNKNOWN->UP");
    assertThat(settle(board, 6000)).containsExactly("CVM UP->UNKNOWN");

    fromBAndC(board, cvm(Verdict.UP), 7000);

    assertThat(settle(board, 7000)).containsExactly("CVM UNKNOWN->UP");
  }

  @Test
  void aReplicaThatLeftIsUnknownAtOnce() {
    HealthBoard board = shop(BackendRule.DEFAULT);
    localCvm(board, true, 0);
    fromBAndC(board, cvm(Verdict.UP), 2000);
    assertThat(settle(board, 2000)).containsExactly("CVM UNKNOWN->UP");

    fromBAndC(board, Map.of(), 2500);

    assertThat(settle(board, 2500)).containsExactly("CVM UP->UNKNOWN");
    BackendHealth health = board.backendHealth("shop", CVM, probes.at(3000));
    assertThat(health.summary()).contains("b UNKNOWN (left 0.5 s ago)");
    assertThat(health.evidence())
        .filteredOn(e -> e.vantage().equals("c"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.check()).isEqualTo(Evidence.REPORTED);
              assertThat(e.status()).isEqualTo(Verdict.UNKNOWN);
              assertThat(e.describe()).isEqualTo("c/reported UNKNOWN, left 0.5 s ago");
            });
  }

  @Test
  void aReportLeavingABackendOutMakesItUnknownThere() {
    HealthBoard board = shop(BackendRule.DEFAULT);
    fromBAndC(board, Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.UP)), 0);
    settle(board, 0);

    board.report("c", cvm(Verdict.UP), probes.at(500));

    assertThat(settle(board, 500)).containsExactly("SCF UP->UNKNOWN");
  }

  @Test
  void aReportJudgesAgainOnlyTheBackendsWhoseVerdictThereChanged() {
    HealthBoard board = shop(BackendRule.DEFAULT);
    Map<String, Map<Backend, Verdict>> bothUp =
        Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.UP));
    board.report("b", bothUp, probes.at(0));
    settle(board, 0);
    long before = board.judgements();

    board.report("b", bothUp, probes.at(1000));
    settle(board, 1000);
    assertThat(board.judgements()).as("the same verdicts again").isEqualTo(before);

    board.report("b", Map.of("shop", Map.of(CVM, Verdict.DOWN, SCF, Verdict.UP)), probes.at(2000));
    settle(board, 2000);
    assertThat(board.judgements()).as("CVM only").isEqualTo(before + 1);
  }

  @Test
  void ignoresUnregisteredServicesAndBackendsNamingThem() {
    HealthBoard board = new HealthBoard(ABC, CorrelationGuard.DEFAULT);
    board.addService("shop");
    board.addBackend(
        "shop", CVM, BackendRule.DEFAULT, List.of(CheckSpec.probedEvery("http", INTERVAL)));

    List<String> ignored =
        board.report(
            "b",
            Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.DOWN), "blog", Map.of()),
            probes.at(0));

    assertThat(ignored).containsExactlyInAnyOrder("shop/scf", "blog");
    assertThat(board.localVerdicts(probes.at(0)))
        .isEqualTo(Map.of("shop", Map.of(CVM, Verdict.UNKNOWN)));
  }

  @Test
  void localVerdictsAreTheLocalVantagePointsAfterItsGuardAndAreToldOnChange() {
    HealthBoard board = shop(BackendRule.DEFAULT);
    board.addSentinel(CheckSpec.probedEvery("dns", INTERVAL));
    board.report("b", Map.of("shop", Map.of(CVM, Verdict.DOWN, SCF, Verdict.DOWN)), probes.at(0));
    List<String> told = new ArrayList<>();
    HealthBoard.VantageListener vantages =
        (s, backend, vantage, from, to) ->
            told.add(vantage + " " + backend + " " + from + "->" + to);

    for (int i = 0; i < 2; i++) {
      board.record("shop", CVM, "http", "a", probes.up(i * 1000L));
      board.record("shop", SCF, "http", "a", probes.up(i * 1000L));
      board.recordSentinel("dns", "a", probes.up(i * 1000L));
    }
    board.settle(probes.at(1000), (s, b, f, t) -> {}, vantages);
    assertThat(told)
        .containsExactlyInAnyOrder(
            "b CVM UNKNOWN->DOWN", "b SCF UNKNOWN->DOWN", "a CVM UNKNOWN->UP", "a SCF UNKNOWN->UP");
    assertThat(board.localVerdicts(probes.at(1000)))
        .isEqualTo(Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.UP)));

    // every check and the sentinel down together at "a": its own network, so UNKNOWN, not DOWN
    told.clear();
    for (int i = 0; i < CheckThresholds.DEFAULT_FALL; i++) {
      long at = 2000 + i * 1000L;
      board.record("shop", CVM, "http", "a", probes.down(at));
      board.record("shop", SCF, "http", "a", probes.down(at));
      board.recordSentinel("dns", "a", probes.down(at));
    }
    board.settle(probes.at(4000), (s, b, f, t) -> {}, vantages);

    assertThat(told).containsExactlyInAnyOrder("a CVM UP->UNKNOWN", "a SCF UP->UNKNOWN");
    assertThat(board.localVerdicts(probes.at(4000)))
        .isEqualTo(Map.of("shop", Map.of(CVM, Verdict.UNKNOWN, SCF, Verdict.UNKNOWN)));
  }

  @Test
  void takesResultsOnlyAtTheLocalVantagePointAndReportsOnlyAtRemoteOnes() {
    HealthBoard board = shop(BackendRule.DEFAULT);

    assertThatThrownBy(() -> board.record("shop", CVM, "http", "b", probes.up(0)))
        .hasMessageContaining("'b' is another replica's");
    assertThatThrownBy(() -> board.report("a", cvm(Verdict.UP), probes.at(0)))
        .hasMessageContaining("'a' is probed here");
    assertThatThrownBy(() -> board.report("z", cvm(Verdict.UP), probes.at(0)))
        .hasMessageContaining("unknown vantage point 'z'");
  }
}
