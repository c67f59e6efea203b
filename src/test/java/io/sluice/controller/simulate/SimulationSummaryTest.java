package io.sluice.controller.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.Phase;
import io.sluice.policies.Reason;
import io.sluice.policies.SideAction;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SimulationSummaryTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);

  /** cvm really down from 10 s to 20 s; traffic leaves it at 14 s and returns at 30 s. */
  private static List<Tick> outageTicks() {
    List<Tick> ticks = new ArrayList<>();
    TrafficSplit split = ON_CVM;
    for (int s = 0; s < 40; s++) {
      boolean cvmUp = s < 10 || s >= 20;
      TrafficSplit next = s >= 14 && s < 30 ? ON_SCF : ON_CVM;
      Decision d =
          next.equals(split)
              ? new Decision.Hold(next, Phase.NORMAL, Reason.of("x", "x"), List.of(), false)
              : new Decision.Shift(
                  split, next, Phase.NORMAL, Reason.of("x", "x"), List.of(), false);
      ticks.add(
          new Tick(
              Duration.ofSeconds(s),
              "shop",
              cvmUp,
              true,
              cvmUp ? Verdict.UP : Verdict.DOWN,
              Verdict.UP,
              split,
              d));
      split = next;
    }
    return ticks;
  }

  /** One tick a second from the given health and splits, each a function of the second. */
  private static List<Tick> ticks(
      int seconds,
      java.util.function.IntPredicate cvmUp,
      java.util.function.IntPredicate scfUp,
      java.util.function.IntFunction<TrafficSplit> splitAt,
      java.util.function.IntFunction<List<SideAction>> actionsAt) {
    List<Tick> ticks = new ArrayList<>();
    TrafficSplit split = splitAt.apply(0);
    for (int s = 0; s < seconds; s++) {
      TrafficSplit next = splitAt.apply(s);
      Decision d =
          next.equals(split)
              ? new Decision.Hold(
                  next, Phase.NORMAL, Reason.of("x", "x"), actionsAt.apply(s), false)
              : new Decision.Shift(
                  split, next, Phase.NORMAL, Reason.of("x", "x"), actionsAt.apply(s), false);
      ticks.add(
          new Tick(
              Duration.ofSeconds(s),
              "shop",
              cvmUp.test(s),
              scfUp.test(s),
              cvmUp.test(s) ? Verdict.UP : Verdict.DOWN,
              scfUp.test(s) ? Verdict.UP : Verdict.DOWN,
              split,
              d));
      split = next;
    }
    return ticks;
  }

  @Test
  void anOutageThatMovedNoTrafficHasNoFailback() {
    List<Tick> ticks = ticks(30, s -> s < 10 || s >= 12, s -> true, s -> ON_CVM, s -> List.of());

    String text = SimulationSummary.of("shop", Backend.CVM, ticks, SECOND).render();

    assertThat(text)
        .contains("outage of cvm at 10s until 12s: did not fail over\n")
        .doesNotContain("failed back");
  }

  @Test
  void aStandbyOutageIsInTheSummaryWithTheTrafficItGot() {
    List<Tick> idle = ticks(30, s -> true, s -> s < 5 || s >= 8, s -> ON_CVM, s -> List.of());
    List<Tick> carrying =
        ticks(
            40, s -> s < 10, s -> s < 20 || s >= 25, s -> s < 14 ? ON_CVM : ON_SCF, s -> List.of());

    assertThat(SimulationSummary.of("shop", Backend.CVM, idle, SECOND).render())
        .contains("no real outage of cvm\n")
        .contains("outage of scf (standby) at 5s until 8s: it carried no traffic then\n");
    assertThat(SimulationSummary.of("shop", Backend.CVM, carrying, SECOND).render())
        .contains(
            "outage of scf (standby) at 20s until 25s: its traffic stayed on it (5s of traffic"
                + " went to it while DOWN)\n");
  }

  @Test
  void showsWhenAPreWarmWasAskedForAheadOfTrafficAndReleased() {
    List<Tick> ticks =
        ticks(
            60,
            s -> true,
            s -> true,
            s -> s >= 15 && s < 30 ? ON_SCF : ON_CVM,
            s ->
                s == 5
                    ? List.of(new SideAction.PrewarmScf())
                    : s == 50 ? List.of(new SideAction.ReleasePrewarm()) : List.of());

    SimulationSummary summary = SimulationSummary.of("shop", Backend.CVM, ticks, SECOND);

    assertThat(summary.prewarms())
        .containsExactly(
            new SimulationSummary.PrewarmSpan(
                Duration.ofSeconds(5),
                Optional.of(Duration.ofSeconds(15)),
                Optional.of(Duration.ofSeconds(50))));
    assertThat(summary.render())
        .contains(
            "pre-warm of scf asked at 5s, 10s before scf took traffic at 15s, released at 50s");
  }

  @Test
  void measuresFailoverFromTheRealOutageStartAndFailbackFromItsEnd() {
    SimulationSummary s = SimulationSummary.of("shop", Backend.CVM, outageTicks(), SECOND);

    assertThat(s.outages()).hasSize(1);
    SimulationSummary.Outage o = s.outages().getFirst();
    assertThat(o.start()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.end()).contains(Duration.ofSeconds(20));
    assertThat(o.failedOverAfter()).contains(Duration.ofSeconds(4));
    assertThat(o.failedBackAfter()).contains(Duration.ofSeconds(10));
    assertThat(s.changes()).isEqualTo(2);
  }

  @Test
  void weighsTimeByTrafficAndCountsTrafficSentToABrokenBackend() {
    SimulationSummary s = SimulationSummary.of("shop", Backend.CVM, outageTicks(), SECOND);

    assertThat(s.weightedTime().get(Backend.SCF)).isEqualTo(Duration.ofSeconds(16));
    assertThat(s.weightedTime().get(Backend.CVM)).isEqualTo(Duration.ofSeconds(24));
    assertThat(s.onBrokenBackend()).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.freeze()).isEqualTo(Optional.empty());
  }

  @Test
  void rendersTheReactionTimesForPeople() {
    String text = SimulationSummary.of("shop", Backend.CVM, outageTicks(), SECOND).render();

    assertThat(text)
        .contains("outage of cvm at 10s until 20s: failed over after 4s, failed back after 10s")
        .contains("traffic changes: 2")
        .contains("traffic on a DOWN backend: 4s (10.00% of traffic)");
  }
}
