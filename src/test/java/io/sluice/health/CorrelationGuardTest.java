package io.sluice.health;

import static io.sluice.policies.Backend.CVM;
import static io.sluice.policies.Backend.SCF;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The guard as the board applies it: two services, each with one check on CVM and on SCF. */
final class CorrelationGuardTest {
  private static final CheckThresholds AT_ONCE = new CheckThresholds(1, 1);
  private static final List<String> SERVICES = List.of("shop", "blog");
  private static final String SENTINEL = "public-dns";

  private final Probes probes = new Probes(Probes.NEAR_MAX);

  private static CheckSpec check(String name) {
    return new CheckSpec(name, AT_ONCE, Duration.ofSeconds(10));
  }

  private static HealthBoard board(List<String> vantages, boolean withSentinel) {
    HealthBoard board = new HealthBoard(vantages);
    for (String service : SERVICES) {
      board.addService(service);
      for (Backend backend : Backend.values()) {
        board.addBackend(service, backend, BackendRule.DEFAULT, List.of(check("http")));
      }
    }
    if (withSentinel) {
      board.addSentinel(check(SENTINEL));
    }
    return board;
  }

  private void everythingUp(HealthBoard board, String vantage, boolean withSentinel, long millis) {
    for (String service : SERVICES) {
      for (Backend backend : Backend.values()) {
        board.record(service, backend, "http", vantage, probes.up(millis));
      }
    }
    if (withSentinel) {
      board.recordSentinel(SENTINEL, vantage, probes.up(millis));
    }
  }

  /** Every check goes down, one after the other, {@code stepMillis} apart from {@code millis}. */
  private void checksDown(HealthBoard board, String vantage, long millis, long stepMillis) {
    long at = millis;
    for (String service : SERVICES) {
      for (Backend backend : Backend.values()) {
        board.record(
            service, backend, "http", vantage, probes.down(DownReason.CONNECT_TIMEOUT, at));
        at += stepMillis;
      }
    }
  }

  /** What a prober that lost its network sees: every check and the sentinel DOWN within 400 ms. */
  private void networkLost(HealthBoard board, String vantage, long millis) {
    checksDown(board, vantage, millis, 100);
    board.recordSentinel(SENTINEL, vantage, probes.down(DownReason.DNS_FAILURE, millis + 400));
  }

  private HealthSnapshot shop(HealthBoard board, long millis) {
    return board.snapshot("shop", 7, Probes.WALL, OptionalDouble.empty(), probes.at(millis));
  }

  @Test
  void firesWhenEveryCheckAndTheSentinelGoDownTogether() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", true, 0);
    networkLost(board, "az3", 1000);

    assertThat(shop(board, 2200).cvm()).isEqualTo(Verdict.UNKNOWN);
    assertThat(shop(board, 2200).scf()).isEqualTo(Verdict.UNKNOWN);
    assertThat(board.backendHealth("blog", SCF, probes.at(2200)).summary())
        .contains("4 checks on 4 backends and 1 sentinel(s) went DOWN within 400 ms")
        .contains("the prober's own network is the likely culprit");
  }

  @Test
  void doesNotFireWhileOneCheckIsStillUp() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", true, 0);
    checksDown(board, "az3", 1000, 100);
    board.record("blog", SCF, "http", "az3", probes.up(1400));
    board.recordSentinel(SENTINEL, "az3", probes.down(1400));

    assertThat(shop(board, 1500).cvm()).isEqualTo(Verdict.DOWN);
  }

  @Test
  void doesNotFireWhenTheFailuresSpreadOverMoreThanTheWindow() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", true, 0);
    checksDown(board, "az3", 1000, 600);
    board.recordSentinel(SENTINEL, "az3", probes.down(3100));

    assertThat(shop(board, 3200).cvm()).isEqualTo(Verdict.DOWN);
    assertThat(shop(board, 3200).scf()).isEqualTo(Verdict.DOWN);
  }

  @Test
  void aSentinelThatIsStillUpVetoesIt() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", true, 0);
    checksDown(board, "az3", 1000, 100);
    board.recordSentinel(SENTINEL, "az3", probes.up(1400));

    assertThat(shop(board, 1500).cvm()).isEqualTo(Verdict.DOWN);
  }

  @Test
  void aSingleCheckGoingDownAloneIsNeverAffected() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", true, 0);
    board.record("shop", CVM, "http", "az3", probes.down(1000));

    assertThat(shop(board, 1100).cvm()).isEqualTo(Verdict.DOWN);
    assertThat(shop(board, 1100).scf()).isEqualTo(Verdict.UP);
  }

  @Test
  void firesWithoutSentinelsWhenTwoServicesGoDownTogether() {
    HealthBoard board = board(List.of("az3"), false);
    everythingUp(board, "az3", false, 0);
    checksDown(board, "az3", 1000, 100);

    assertThat(shop(board, 1500).cvm()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void fallsBackToTheRuleWithoutSentinelsWhileTheSentinelHasNotReported() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", false, 0);
    checksDown(board, "az3", 1000, 100);

    assertThat(shop(board, 1500).cvm()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void doesNotFireWithoutSentinelsForTheChecksOfOneBackend() {
    HealthBoard board = new HealthBoard(List.of("az3"));
    board.addService("shop");
    board.addBackend(
        "shop", CVM, BackendRule.DEFAULT, List.of(check("http"), check("tcp"), check("clb")));
    board.addBackend("shop", SCF, BackendRule.DEFAULT, List.of(check("http")));
    for (String name : List.of("http", "tcp", "clb")) {
      board.record("shop", CVM, name, "az3", probes.down(1000));
    }

    assertThat(shop(board, 1100).cvm()).isEqualTo(Verdict.DOWN);
  }

  @Test
  void doesNotFireWithoutSentinelsForFewerThanThreeChecks() {
    HealthBoard board = new HealthBoard(List.of("az3"));
    board.addService("shop");
    board.addBackend("shop", CVM, BackendRule.DEFAULT, List.of(check("http")));
    board.addBackend("shop", SCF, BackendRule.DEFAULT, List.of(check("http")));
    board.record("shop", CVM, "http", "az3", probes.down(1000));
    board.record("shop", SCF, "http", "az3", probes.down(1000));

    assertThat(shop(board, 1100).bothDown()).isTrue();
  }

  @Test
  void ignoresOnlyTheVantagePointThatLostItsNetwork() {
    HealthBoard board = board(List.of("az3", "az4", "az5"), true);
    everythingUp(board, "az3", true, 0);
    everythingUp(board, "az4", true, 0);
    everythingUp(board, "az5", true, 0);
    networkLost(board, "az3", 1000);

    assertThat(shop(board, 1500).cvm()).isEqualTo(Verdict.UP);
    assertThat(board.backendHealth("shop", CVM, probes.at(1500)).summary())
        .contains("2 of 2 knowing vantage points say UP")
        .contains("az3 UNKNOWN (4 checks");
  }

  @Test
  void withOneOfTwoVantagePointsSuspectTheOtherCannotDecideAlone() {
    HealthBoard board = board(List.of("az3", "az4"), true);
    everythingUp(board, "az3", true, 0);
    everythingUp(board, "az4", true, 0);
    networkLost(board, "az3", 1000);

    assertThat(shop(board, 1500).cvm()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void measuresTheWindowAcrossTheWrapOfTheMonotonicClock() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", true, 4000);
    networkLost(board, "az3", 4800);

    assertThat(probes.at(4800)).isPositive();
    assertThat(probes.at(5200)).isNegative();
    assertThat(shop(board, 5300).cvm()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void stopsFiringOnceTheChecksComeBack() {
    HealthBoard board = board(List.of("az3"), true);
    everythingUp(board, "az3", true, 0);
    networkLost(board, "az3", 1000);
    everythingUp(board, "az3", true, 5000);
    board.record("shop", CVM, "http", "az3", probes.down(6000));

    assertThat(shop(board, 6100).cvm()).isEqualTo(Verdict.DOWN);
  }
}
