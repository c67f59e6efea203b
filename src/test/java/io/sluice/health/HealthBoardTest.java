package io.sluice.health;

import static io.sluice.policies.Backend.CVM;
import static io.sluice.policies.Backend.SCF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class HealthBoardTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final BackendRule HTTP_MUST_PASS =
      new BackendRule(Composition.atLeast(1), Set.of("http"), BackendRule.DEFAULT_QUORUM);

  private final Probes probes = new Probes(Probes.NEAR_MAX);

  /** Service "shop": CVM with http and clb checks (http must pass), SCF with one http check. */
  private static HealthBoard shop(List<String> vantages) {
    HealthBoard board = new HealthBoard(vantages);
    board.addService("shop");
    board.addBackend(
        "shop",
        CVM,
        HTTP_MUST_PASS,
        List.of(CheckSpec.probedEvery("http", INTERVAL), CheckSpec.probedEvery("clb", INTERVAL)));
    board.addBackend(
        "shop", SCF, BackendRule.DEFAULT, List.of(CheckSpec.probedEvery("http", INTERVAL)));
    return board;
  }

  private void cvmHttpDown(HealthBoard board, String vantage, long fromMillis) {
    for (int i = 0; i < CheckThresholds.DEFAULT_FALL; i++) {
      board.record("shop", CVM, "http", vantage, probes.down(fromMillis + i * 1000L));
    }
  }

  private void cvmUp(HealthBoard board, String vantage, long fromMillis) {
    for (int i = 0; i < CheckThresholds.DEFAULT_RISE; i++) {
      board.record("shop", CVM, "http", vantage, probes.up(fromMillis + i * 1000L));
      board.record("shop", CVM, "clb", vantage, probes.up(fromMillis + i * 1000L));
    }
  }

  @Test
  void snapshotCarriesBothVerdictsTheRoundTheLoadAndTheWallClock() {
    HealthBoard board = shop(List.of("az3"));
    cvmUp(board, "az3", 0);

    HealthSnapshot snapshot =
        board.snapshot("shop", 42, Probes.WALL, OptionalDouble.of(0.7), probes.at(1500));

    assertThat(snapshot)
        .isEqualTo(
            new HealthSnapshot(
                Verdict.UP, Verdict.UNKNOWN, 42, OptionalDouble.of(0.7), Probes.WALL));
  }

  @Test
  void aBackendNotRegisteredIsUnknownInTheSnapshot() {
    HealthBoard board = new HealthBoard(List.of("az3"));
    board.addService("solo");
    board.addBackend(
        "solo",
        CVM,
        BackendRule.DEFAULT,
        List.of(new CheckSpec("http", new CheckThresholds(1, 1), INTERVAL)));
    board.record("solo", CVM, "http", "az3", probes.up(0));

    HealthSnapshot snapshot =
        board.snapshot("solo", 1, Probes.WALL, OptionalDouble.empty(), probes.at(0));

    assertThat(snapshot.cvm()).isEqualTo(Verdict.UP);
    assertThat(snapshot.scf()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void aMustPassCheckDownMakesTheBackendDownWhileAnotherCheckIsUp() {
    HealthBoard board = shop(List.of("az3"));
    cvmUp(board, "az3", 0);
    board.record("shop", CVM, "clb", "az3", probes.up(2000));
    cvmHttpDown(board, "az3", 2000);

    assertThat(board.backendHealth("shop", CVM, probes.at(4000)).verdict()).isEqualTo(Verdict.DOWN);
  }

  @Test
  void staysUpWhileOneOfTwoVantagePointsStillSeesTheBackendUp() {
    HealthBoard board = shop(List.of("az3", "az4"));
    cvmUp(board, "az3", 0);
    cvmUp(board, "az4", 0);
    cvmHttpDown(board, "az3", 2000);
    board.record("shop", CVM, "http", "az4", probes.up(4000));
    board.record("shop", CVM, "clb", "az4", probes.up(4000));

    BackendHealth health = board.backendHealth("shop", CVM, probes.at(4000));

    assertThat(health.verdict()).isEqualTo(Verdict.UP);
    assertThat(health.summary())
        .contains("1 of 2 knowing vantage points say UP, which is more than 18%");
  }

  @Test
  void oneKnowingVantagePointOfTwoIsNoCorroboration() {
    HealthBoard board = shop(List.of("az3", "az4"));
    cvmUp(board, "az3", 0);
    cvmHttpDown(board, "az3", 2000);

    BackendHealth health = board.backendHealth("shop", CVM, probes.at(4000));

    assertThat(health.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(health.summary())
        .contains("only 1 of 2 vantage points know; a majority must")
        .contains("az4 UNKNOWN");
  }

  @Test
  void ignoresAVantagePointThatHasNotReportedWhenAMajorityKnows() {
    HealthBoard board = shop(List.of("az3", "az4", "az5"));
    cvmUp(board, "az3", 0);
    cvmUp(board, "az4", 0);
    cvmHttpDown(board, "az3", 2000);
    cvmHttpDown(board, "az4", 2000);

    BackendHealth health = board.backendHealth("shop", CVM, probes.at(4000));

    assertThat(health.verdict()).isEqualTo(Verdict.DOWN);
    assertThat(health.summary())
        .contains("0 of 2 knowing vantage points say UP, not more than 18%")
        .contains("az5 UNKNOWN");
  }

  @Test
  void becomesUnknownWhenEveryVantagePointHasGoneStale() {
    HealthBoard board = shop(List.of("az3"));
    cvmUp(board, "az3", 0);

    assertThat(board.backendHealth("shop", CVM, probes.at(4000)).verdict()).isEqualTo(Verdict.UP);
    BackendHealth stale = board.backendHealth("shop", CVM, probes.at(4001));
    assertThat(stale.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(stale.summary()).contains("no vantage point knows");
  }

  @Test
  void evidenceListsEachVantagePointAndCheckWithItsLastResultsAndReasons() {
    HealthBoard board = shop(List.of("az3", "az4"));
    board.record("shop", CVM, "http", "az3", probes.down(DownReason.UNEXPECTED_STATUS, 0));
    board.record(
        "shop", CVM, "clb", "az3", probes.inconclusive(InconclusiveCause.CLOUD_API_THROTTLED, 0));

    List<Evidence> evidence = board.backendHealth("shop", CVM, probes.at(500)).evidence();

    assertThat(evidence)
        .extracting(Evidence::vantage, Evidence::check, Evidence::status)
        .containsExactly(
            tuple("az3", "http", Verdict.UNKNOWN),
            tuple("az3", "clb", Verdict.UNKNOWN),
            tuple("az4", "http", Verdict.UNKNOWN),
            tuple("az4", "clb", Verdict.UNKNOWN));
    assertThat(evidence.get(0).describe()).contains("az3/http", "DOWN UNEXPECTED_STATUS");
    assertThat(evidence.get(1).recent())
        .extracting(ProbeResult::outcome)
        .containsExactly(
            new ProbeOutcome.Inconclusive(
                InconclusiveCause.CLOUD_API_THROTTLED, "could not measure"));
    assertThat(evidence.get(2).recent()).isEmpty();
  }

  @Test
  void countsFromAClockOriginBelowZero() {
    Probes negative = new Probes(Probes.BELOW_ZERO);
    HealthBoard board = shop(List.of("az3"));
    for (long millis = 0; millis < 3000; millis += 1000) {
      board.record("shop", SCF, "http", "az3", negative.down(DownReason.TLS_ERROR, millis));
    }

    assertThat(board.backendHealth("shop", SCF, negative.at(2000)).verdict())
        .isEqualTo(Verdict.DOWN);
    assertThat(board.backendHealth("shop", SCF, negative.at(5001)).verdict())
        .isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void rejectsUnknownNamesNamingThem() {
    HealthBoard board = shop(List.of("az3"));
    ProbeResult up = probes.up(0);

    assertThatThrownBy(() -> board.record("blog", CVM, "http", "az3", up))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'blog'");
    assertThatThrownBy(() -> board.record("shop", CVM, "dns", "az3", up))
        .hasMessageContaining("'dns'")
        .hasMessageContaining("shop/cvm");
    assertThatThrownBy(() -> board.record("shop", CVM, "http", "az9", up))
        .hasMessageContaining("'az9'");
    assertThatThrownBy(() -> board.recordSentinel("public-dns", "az3", up))
        .hasMessageContaining("'public-dns'");
    assertThatThrownBy(() -> board.backendHealth("blog", SCF, 0)).hasMessageContaining("'blog'");
  }

  @Test
  void rejectsABackendWithoutItsServiceOrRegisteredTwice() {
    HealthBoard board = shop(List.of("az3"));
    List<CheckSpec> http = List.of(CheckSpec.probedEvery("http", INTERVAL));

    assertThatThrownBy(() -> board.addBackend("blog", CVM, BackendRule.DEFAULT, http))
        .hasMessageContaining("'blog'");
    assertThatThrownBy(() -> board.addBackend("shop", CVM, BackendRule.DEFAULT, http))
        .hasMessageContaining("shop/cvm is already registered");
  }

  @Test
  void rejectsARuleThatDoesNotFitTheChecks() {
    HealthBoard board = new HealthBoard(List.of("az3"));
    board.addService("shop");

    assertThatThrownBy(
            () ->
                board.addBackend(
                    "shop", CVM, HTTP_MUST_PASS, List.of(CheckSpec.probedEvery("tcp", INTERVAL))))
        .hasMessageContaining("shop/cvm.mustPass")
        .hasMessageContaining("[http]");
  }

  @Test
  void aCheckIsTransitioningWhileItCountsTowardTheOtherStatus() {
    HealthBoard board = shop(List.of("az3"));
    assertThat(board.transitioning("shop", CVM, "http", "az3")).isFalse();

    board.record("shop", CVM, "http", "az3", probes.up(0));
    assertThat(board.transitioning("shop", CVM, "http", "az3")).isTrue();

    board.record("shop", CVM, "http", "az3", probes.up(1000));
    assertThat(board.transitioning("shop", CVM, "http", "az3")).isFalse();

    board.record("shop", CVM, "http", "az3", probes.down(2000));
    assertThat(board.transitioning("shop", CVM, "http", "az3")).isTrue();
    assertThat(board.transitioning("shop", CVM, "clb", "az3")).isFalse();
  }

  @Test
  void aSentinelIsTransitioningWhileItCountsTowardTheOtherStatus() {
    HealthBoard board = shop(List.of("az3"));
    board.addSentinel(CheckSpec.probedEvery("public-dns", INTERVAL));

    board.recordSentinel("public-dns", "az3", probes.down(0));

    assertThat(board.sentinelTransitioning("public-dns", "az3")).isTrue();
    assertThatThrownBy(() -> board.sentinelTransitioning("nope", "az3"))
        .hasMessageContaining("unknown sentinel 'nope'");
    assertThatThrownBy(() -> board.transitioning("shop", CVM, "dns", "az3"))
        .hasMessageContaining("has no check 'dns'");
  }

  /**
   * Three services, each with CVM and SCF on one http check that turns at once (fall = rise = 1).
   */
  private static HealthBoard threeServices() {
    HealthBoard board = new HealthBoard(List.of("az3"));
    for (String service : List.of("shop", "blog", "wiki")) {
      board.addService(service);
      for (var backend : List.of(CVM, SCF)) {
        board.addBackend(
            service,
            backend,
            BackendRule.DEFAULT,
            List.of(new CheckSpec("http", new CheckThresholds(1, 1), INTERVAL.multipliedBy(3))));
      }
    }
    return board;
  }

  private void allUp(HealthBoard board, long millis) {
    for (String service : List.of("shop", "blog", "wiki")) {
      board.record(service, CVM, "http", "az3", probes.up(millis));
      board.record(service, SCF, "http", "az3", probes.up(millis));
    }
  }

  /** What {@link HealthBoard#settle} tells, as "service/backend FROM->TO". */
  private List<String> settle(HealthBoard board, long millis) {
    List<String> told = new java.util.ArrayList<>();
    board.settle(
        probes.at(millis),
        (service, backend, from, to) ->
            told.add(service + "/" + backend.id() + " " + from + "->" + to));
    return told;
  }

  @Test
  void aResultJudgesOnlyItsOwnBackendAgainAndOnlyWhenItsCheckChanges() {
    HealthBoard board = threeServices();
    allUp(board, 0);
    assertThat(settle(board, 0)).hasSize(6);
    long judged = board.judgements();

    board.record("blog", CVM, "http", "az3", probes.up(1000));
    assertThat(settle(board, 1000)).isEmpty();
    assertThat(board.judgements()).as("a result that changes no status").isEqualTo(judged);

    board.record("blog", CVM, "http", "az3", probes.down(1500));
    assertThat(settle(board, 1500)).containsExactly("blog/cvm UP->DOWN");
    assertThat(board.judgements()).as("only blog/cvm judged again").isEqualTo(judged + 1);
    assertThat(board.snapshot("shop", 1, Probes.WALL, OptionalDouble.empty(), probes.at(1500)))
        .extracting(HealthSnapshot::cvm, HealthSnapshot::scf)
        .containsExactly(Verdict.UP, Verdict.UP);
    assertThat(board.judgements())
        .as("reading judges nothing that did not change")
        .isEqualTo(judged + 1);
  }

  @Test
  void aCheckGoingStaleChangesTheVerdictWithoutAnyFurtherResult() {
    HealthBoard board = threeServices();
    allUp(board, 0);
    settle(board, 0);

    assertThat(settle(board, 3000)).as("3 s without a result: stale only after that").isEmpty();
    assertThat(settle(board, 3001))
        .containsExactly(
            "shop/cvm UP->UNKNOWN",
            "shop/scf UP->UNKNOWN",
            "blog/cvm UP->UNKNOWN",
            "blog/scf UP->UNKNOWN",
            "wiki/cvm UP->UNKNOWN",
            "wiki/scf UP->UNKNOWN");
  }

  @Test
  void onlyTheCheckThatStoppedReportingGoesStale() {
    HealthBoard board = threeServices();
    allUp(board, 0);
    settle(board, 0);
    for (long millis = 1000; millis <= 4000; millis += 1000) {
      board.record("shop", CVM, "http", "az3", probes.up(millis));
      board.record("shop", SCF, "http", "az3", probes.up(millis));
      board.record("wiki", CVM, "http", "az3", probes.up(millis));
      board.record("wiki", SCF, "http", "az3", probes.up(millis));
      board.record("blog", SCF, "http", "az3", probes.up(millis));
    }

    assertThat(settle(board, 4000)).containsExactly("blog/cvm UP->UNKNOWN");
  }

  @Test
  void aVerdictThatChangesAndChangesBackBeforeSettlingIsNotTold() {
    HealthBoard board = threeServices();
    allUp(board, 0);
    settle(board, 0);

    board.record("wiki", SCF, "http", "az3", probes.down(500));
    assertThat(board.snapshot("wiki", 1, Probes.WALL, OptionalDouble.empty(), probes.at(500)).scf())
        .isEqualTo(Verdict.DOWN);
    board.record("wiki", SCF, "http", "az3", probes.up(700));

    assertThat(settle(board, 700)).isEmpty();
  }

  @Test
  void theGuardFlippingJudgesEveryBackendOfItsVantagePointAgain() {
    HealthBoard board = threeServices();
    board.addSentinel(
        new CheckSpec("public-dns", new CheckThresholds(1, 1), INTERVAL.multipliedBy(3)));
    allUp(board, 0);
    board.recordSentinel("public-dns", "az3", probes.up(0));
    settle(board, 0);
    long at = 1000;
    for (String service : List.of("shop", "blog", "wiki")) {
      for (var backend : List.of(CVM, SCF)) {
        board.record(service, backend, "http", "az3", probes.down(at));
        settle(board, at);
        at += 50;
      }
    }
    long judged = board.judgements();

    board.recordSentinel("public-dns", "az3", probes.down(at));

    assertThat(settle(board, at))
        .containsExactly(
            "shop/cvm DOWN->UNKNOWN",
            "shop/scf DOWN->UNKNOWN",
            "blog/cvm DOWN->UNKNOWN",
            "blog/scf DOWN->UNKNOWN",
            "wiki/cvm DOWN->UNKNOWN",
            "wiki/scf DOWN->UNKNOWN");
    assertThat(board.judgements()).as("every backend, once").isEqualTo(judged + 6);
  }
}
