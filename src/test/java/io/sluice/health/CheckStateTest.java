package io.sluice.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CheckStateTest {
  private static final Duration STALE = Duration.ofSeconds(3);
  private final Probes probes = new Probes(Probes.NEAR_MAX);

  private CheckState feed(CheckThresholds thresholds, List<ProbeResult> results) {
    CheckState state = CheckState.initial();
    for (ProbeResult result : results) {
      state = state.next(result, thresholds);
    }
    return state;
  }

  private Verdict statusAfter(CheckThresholds thresholds, ProbeResult... results) {
    CheckState state = feed(thresholds, List.of(results));
    return state.statusAt(state.last().orElseThrow().atNanos(), STALE);
  }

  @Test
  void startsUnknown() {
    assertThat(CheckState.initial().statusAt(probes.at(0), STALE)).isEqualTo(Verdict.UNKNOWN);
    assertThat(CheckState.initial().changedAtNanos()).isEmpty();
  }

  @Test
  void turnsDownOnlyAfterFallConsecutiveDowns() {
    CheckThresholds t = CheckThresholds.DEFAULT;
    assertThat(statusAfter(t, probes.up(0), probes.up(1000), probes.down(2000), probes.down(3000)))
        .isEqualTo(Verdict.UP);
    assertThat(
            statusAfter(
                t,
                probes.up(0),
                probes.up(1000),
                probes.down(2000),
                probes.down(3000),
                probes.down(4000)))
        .isEqualTo(Verdict.DOWN);
  }

  @Test
  void turnsUpFromUnknownAfterRiseConsecutiveUps() {
    CheckThresholds t = CheckThresholds.DEFAULT;
    assertThat(statusAfter(t, probes.up(0))).isEqualTo(Verdict.UNKNOWN);
    assertThat(statusAfter(t, probes.up(0), probes.up(1000))).isEqualTo(Verdict.UP);
  }

  @Test
  void turnsDownFromUnknownAfterFallConsecutiveDowns() {
    CheckThresholds t = new CheckThresholds(2, 5);
    assertThat(statusAfter(t, probes.down(0))).isEqualTo(Verdict.UNKNOWN);
    assertThat(statusAfter(t, probes.down(0), probes.down(1000))).isEqualTo(Verdict.DOWN);
  }

  @Test
  void asymmetricThresholdsCountEachDirectionOnItsOwn() {
    CheckThresholds t = new CheckThresholds(1, 4);
    assertThat(statusAfter(t, probes.up(0), probes.up(1), probes.up(2), probes.up(3)))
        .isEqualTo(Verdict.UP);
    assertThat(
            statusAfter(t, probes.up(0), probes.up(1), probes.up(2), probes.up(3), probes.down(4)))
        .isEqualTo(Verdict.DOWN);
    assertThat(statusAfter(t, probes.down(0), probes.up(1), probes.up(2), probes.up(3)))
        .isEqualTo(Verdict.DOWN);
  }

  @Test
  void anUpInterruptsTheCountTowardDown() {
    CheckState state =
        feed(
            CheckThresholds.DEFAULT,
            List.of(
                probes.up(0),
                probes.up(1000),
                probes.down(2000),
                probes.down(3000),
                probes.up(4000),
                probes.down(5000),
                probes.down(6000)));
    assertThat(state.statusAt(probes.at(6000), STALE)).isEqualTo(Verdict.UP);
    assertThat(state.count()).isEqualTo(2);
    assertThat(state.countingToward()).isEqualTo(Verdict.DOWN);
  }

  @Test
  void holdsWhenOnlyOneProbeIsInconclusive() {
    CheckState state =
        feed(
            CheckThresholds.DEFAULT,
            List.of(probes.up(0), probes.up(1000), probes.down(2000), probes.inconclusive(3000)));
    assertThat(state.statusAt(probes.at(3000), STALE)).isEqualTo(Verdict.UP);
    assertThat(state.count()).isEqualTo(1);
  }

  @Test
  void inconclusiveNeitherAdvancesNorResetsTheCount() {
    CheckState state =
        feed(
            CheckThresholds.DEFAULT,
            List.of(
                probes.up(0),
                probes.up(100),
                probes.down(200),
                probes.down(300),
                probes.inconclusive(400),
                probes.inconclusive(500),
                probes.inconclusive(600)));
    assertThat(state.status()).isEqualTo(Verdict.UP);
    assertThat(state.count()).isEqualTo(2);

    CheckState next = state.next(probes.down(700), CheckThresholds.DEFAULT);
    assertThat(next.status()).isEqualTo(Verdict.DOWN);
    assertThat(next.changedAtNanos()).hasValue(probes.at(700));
  }

  @Test
  void resultsShedBetweenTwoDownsBreakTheRunTowardDown() {
    CheckState state =
        feed(
            CheckThresholds.DEFAULT,
            List.of(
                probes.up(0),
                probes.up(100),
                probes.down(200),
                probes.down(300),
                // an Up went missing here, shed while the deciding context was behind
                probes.inconclusive(InconclusiveCause.RESULTS_SHED, 350),
                probes.down(400)));

    assertThat(state.status())
        .as("the Downs around the gap are not consecutive")
        .isEqualTo(Verdict.UP);
    assertThat(state.count()).isEqualTo(1);
  }

  @Test
  void becomesUnknownWhenTheLastConclusiveResultIsOlderThanTheStalenessLimit() {
    CheckState state = feed(CheckThresholds.DEFAULT, List.of(probes.up(0), probes.up(1000)));
    assertThat(state.statusAt(probes.at(4000), STALE)).isEqualTo(Verdict.UP);
    assertThat(state.statusAt(probes.at(4001), STALE)).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void afterGoingStaleACheckCountsFromUnknownAgain() {
    CheckThresholds t = new CheckThresholds(2, 2);
    CheckState down = feed(t, List.of(probes.down(0), probes.down(1000)));
    assertThat(down.statusAt(probes.at(1000), STALE)).isEqualTo(Verdict.DOWN);

    // only inconclusive results for longer than the staleness limit, then one Up: a stale DOWN
    // must not return with it (a cloud signal read while the rule had no instances, say)
    CheckState gap = down.next(probes.inconclusive(3000), t, STALE);
    CheckState oneUp = gap.next(probes.up(5000), t, STALE);
    assertThat(oneUp.statusAt(probes.at(5000), STALE)).isEqualTo(Verdict.UNKNOWN);
    assertThat(oneUp.changedAtNanos()).hasValue(probes.at(4000));
    assertThat(oneUp.next(probes.up(6000), t, STALE).statusAt(probes.at(6000), STALE))
        .isEqualTo(Verdict.UP);

    // nor does a stale DOWN come back with a single Down: fall counts again
    CheckState oneDown = gap.next(probes.down(5000), t, STALE);
    assertThat(oneDown.statusAt(probes.at(5000), STALE)).isEqualTo(Verdict.UNKNOWN);
    assertThat(oneDown.next(probes.down(6000), t, STALE).statusAt(probes.at(6000), STALE))
        .isEqualTo(Verdict.DOWN);
  }

  @Test
  void withinTheStalenessLimitTheCountCarriesOn() {
    CheckThresholds t = new CheckThresholds(2, 2);
    CheckState down = feed(t, List.of(probes.down(0), probes.down(1000)));

    CheckState oneUp = down.next(probes.up(4000), t, STALE);

    assertThat(oneUp.statusAt(probes.at(4000), STALE)).isEqualTo(Verdict.DOWN);
    assertThat(oneUp.count()).isEqualTo(1);
  }

  @Test
  void inconclusiveResultsDoNotKeepACheckFresh() {
    CheckState state =
        feed(
            CheckThresholds.DEFAULT,
            List.of(
                probes.up(0),
                probes.up(1000),
                probes.inconclusive(InconclusiveCause.CLOUD_API_THROTTLED, 2000),
                probes.inconclusive(InconclusiveCause.CLOUD_API_THROTTLED, 3000),
                probes.inconclusive(InconclusiveCause.CLOUD_API_THROTTLED, 4000),
                probes.inconclusive(InconclusiveCause.CLOUD_API_THROTTLED, 5000)));
    assertThat(state.statusAt(probes.at(5000), STALE)).isEqualTo(Verdict.UNKNOWN);
    assertThat(state.status()).isEqualTo(Verdict.UP);
  }

  @Test
  void ignoresAResultOlderThanTheNewestOne() {
    CheckState state = feed(CheckThresholds.DEFAULT, List.of(probes.up(0), probes.up(1000)));
    CheckState late = state.next(probes.down(500), new CheckThresholds(1, 1));
    assertThat(late).isSameAs(state);
  }

  @Test
  void keepsOnlyTheLastTenResultsAsEvidence() {
    CheckState state = CheckState.initial();
    for (int i = 0; i < 25; i++) {
      state = state.next(probes.down(DownReason.READ_TIMEOUT, i * 1000L), CheckThresholds.DEFAULT);
    }
    assertThat(state.recent()).hasSize(CheckState.EVIDENCE_SIZE);
    assertThat(state.recent().getFirst().atNanos()).isEqualTo(probes.at(15_000));
    assertThat(state.recent().getLast().outcome())
        .isEqualTo(new ProbeOutcome.Down(DownReason.READ_TIMEOUT, "probe said READ_TIMEOUT"));
  }

  @Test
  void countsTheSameFromAnOriginBelowZero() {
    Probes negative = new Probes(Probes.BELOW_ZERO);
    CheckState state =
        feed(
            CheckThresholds.DEFAULT,
            List.of(negative.down(0), negative.down(1000), negative.down(2000)));
    assertThat(state.statusAt(negative.at(2000), STALE)).isEqualTo(Verdict.DOWN);
    assertThat(state.statusAt(negative.at(5001), STALE)).isEqualTo(Verdict.UNKNOWN);
    assertThat(state.changedAtNanos()).hasValue(negative.at(2000));
  }

  @Test
  void staysFreshAcrossTheWrapPastLongMaxValue() {
    CheckState state = feed(CheckThresholds.DEFAULT, List.of(probes.up(4000), probes.up(6000)));
    assertThat(probes.at(6000)).isNegative();
    assertThat(state.statusAt(probes.at(8000), STALE)).isEqualTo(Verdict.UP);
    assertThat(state.statusAt(probes.at(9001), STALE)).isEqualTo(Verdict.UNKNOWN);
  }
}
