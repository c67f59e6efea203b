package io.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.OperatorOverride.OverrideAction;
import io.sluice.policies.Scenario.Observed;
import io.sluice.policies.Scenario.OperatorEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The safety properties of the policy engine, over random settings, health timelines and operator
 * events, for both policy kinds.
 */
final class PolicyProperties {
  /** The longest gap between two observations the generator makes (see {@link #steps()}). */
  private static final Duration MAX_GAP = Duration.ofMillis(10_000);

  @Property(tries = 300)
  void weightsAlwaysSumTo100(@ForAll("scenarios") Scenario s) {
    for (Observed o : s.run()) {
      TrafficSplit split = o.decision().split();
      assertThat(split.cvm() + split.scf()).isEqualTo(100);
      assertThat(split.cvm()).isBetween(0, 100);
    }
  }

  @Property(tries = 300)
  void neverMovesEverythingToADownBackendWhileTheOtherIsUp(@ForAll("scenarios") Scenario s) {
    for (Observed o : s.run()) {
      if (!o.changed() || o.activeOverride().map(OperatorOverride::forced).orElse(false)) {
        continue;
      }
      for (Backend b : Backend.values()) {
        boolean allOnDownWhileOtherUp =
            o.decision().split().isAllOn(b) && o.health().isDown(b) && o.health().isUp(b.other());
        assertThat(allOnDownWhileOtherUp).as("decision %s", o.decision()).isFalse();
      }
    }
  }

  @Property(tries = 300)
  void automationNeverRaisesTheWeightOfADownBackend(@ForAll("scenarios") Scenario s) {
    for (Observed o : s.run()) {
      if (!o.changed() || o.manual()) {
        continue;
      }
      Backend raised = DecisionPipeline.towards(o.before(), o.decision().split());
      assertThat(o.health().isDown(raised)).as("decision %s", o.decision()).isFalse();
    }
  }

  @Property(tries = 300)
  void noAutomaticChangeInsideTheMinimumDwell(@ForAll("scenarios") Scenario s) {
    long dwell = s.settings().safeguards().minDwell().toNanos();
    Optional<Long> lastChange = Optional.empty();
    for (Observed o : s.run()) {
      if (!o.changed()) {
        continue;
      }
      if (!o.manual() && lastChange.isPresent()) {
        assertThat(o.nowNanos() - lastChange.get())
            .as("decision %s", o.decision())
            .isGreaterThanOrEqualTo(dwell);
      }
      lastChange = Optional.of(o.nowNanos());
    }
  }

  @Property(tries = 300)
  void directionChangesPerWindowNeverExceedTheFlapBudget(@ForAll("scenarios") Scenario s) {
    FlapBudget budget = s.settings().safeguards().flapBudget();
    List<Long> flips = new ArrayList<>();
    Optional<Backend> lastDirection = Optional.empty();
    long resumeSeen = 0;
    for (Observed o : s.run()) {
      if (o.resumeGeneration() != resumeSeen) {
        resumeSeen = o.resumeGeneration();
        flips.clear();
        lastDirection = Optional.empty();
      }
      if (!o.changed() || !o.automatic()) {
        continue;
      }
      Backend toward = DecisionPipeline.towards(o.before(), o.decision().split());
      if (!lastDirection.equals(Optional.of(toward))) {
        flips.add(o.nowNanos());
        long inWindow =
            flips.stream().filter(t -> o.nowNanos() - t < budget.window().toNanos()).count();
        assertThat(inWindow)
            .as("flips at %s", o.decision())
            .isLessThanOrEqualTo(budget.maxTransitions());
      }
      lastDirection = Optional.of(toward);
    }
  }

  @Property(tries = 300)
  void unknownAloneNeverChangesTheSplit(@ForAll("scenarios") Scenario s) {
    for (Observed o : s.run()) {
      boolean unknownAlone = o.health().anyUnknown() && !o.health().anyDown();
      if (unknownAlone && o.activeOverride().isEmpty()) {
        assertThat(o.changed()).as("decision %s", o.decision()).isFalse();
      }
    }
  }

  @Property(tries = 300)
  void anUnexpiredOverrideAlwaysWins(@ForAll("scenarios") Scenario s) {
    Optional<OperatorOverride> yielded = Optional.empty();
    for (Observed o : s.run()) {
      if (o.activeOverride().isEmpty()) {
        yielded = Optional.empty();
        continue;
      }
      OperatorOverride override = o.activeOverride().get();
      TrafficSplit wanted =
          switch (override.action()) {
            case OverrideAction.Pin pin -> TrafficSplit.allOn(pin.backend());
            case OverrideAction.FixedSplit fixed -> fixed.split();
            case OverrideAction.Pause pause -> o.before();
          };
      assertThat(o.decision().phase()).isEqualTo(Phase.OVERRIDDEN);
      boolean unsafe = OverrideSafety.downBackendRouted(wanted, o.health()).isPresent();
      String rule = o.decision().reason().rule();
      if (!override.forced() && unsafe) {
        assertThat(rule).isIn("override-yields-to-safety", "min-dwell");
      } else if (yielded.equals(Optional.of(override)) && rule.equals("min-dwell")) {
        // Returning to the override after a safety yield waits out the dwell.
        assertThat(o.decision().split()).isEqualTo(o.before());
      } else {
        assertThat(o.decision().split()).as("decision %s", o.decision()).isEqualTo(wanted);
      }
      if (rule.equals("override-yields-to-safety") && o.changed()) {
        yielded = Optional.of(override);
      } else if (o.changed()) {
        yielded = Optional.empty();
      }
    }
  }

  @Property(tries = 300)
  void aFrozenRouteMovesOnlyToLeaveADownBackend(@ForAll("scenarios") Scenario s) {
    for (Observed o : s.run()) {
      if (o.changed() && o.decision().reason().rule().equals("frozen-escape")) {
        Backend left = DecisionPipeline.towards(o.before(), o.decision().split()).other();
        assertThat(o.health().isDown(left)).isTrue();
        assertThat(o.health().isUp(left.other())).isTrue();
      }
    }
  }

  /**
   * Liveness: everything on a DOWN backend while the other is UP lasts no longer than confirmFor
   * plus the dwell plus one observation gap, unless an operator forced it or the policy was told
   * not to protect (diversion without failover protection).
   */
  @Property(tries = 300)
  void neverStaysOnADownBackendLongerThanConfirmationAndDwell(@ForAll("scenarios") Scenario s) {
    if (s.settings() instanceof DiversionSettings d && !d.failoverProtection()) {
      return;
    }
    Duration confirm = s.settings() instanceof FailoverSettings f ? f.confirmFor() : Duration.ZERO;
    long bound = confirm.plus(s.settings().safeguards().minDwell()).plus(MAX_GAP).toNanos();
    // one stuck period per backend: a move from one DOWN backend onto the other, which went DOWN
    // meanwhile, starts a new period rather than extending the old one
    Optional<Backend> stuckOn = Optional.empty();
    long since = 0;
    for (Observed o : s.run()) {
      Optional<Backend> stuck =
          Arrays.stream(Backend.values())
              .filter(
                  b -> o.before().isAllOn(b) && o.health().isDown(b) && o.health().isUp(b.other()))
              .findFirst();
      boolean excused =
          o.decision().phase() == Phase.WARMING
              || o.activeOverride().map(OperatorOverride::forced).orElse(false);
      if (stuck.isEmpty() || excused) {
        stuckOn = Optional.empty();
        continue;
      }
      if (!stuck.equals(stuckOn)) {
        stuckOn = stuck;
        since = o.nowNanos();
      }
      assertThat(o.nowNanos() - since)
          .as("stuck on a DOWN backend at %s", o.decision())
          .isLessThanOrEqualTo(bound);
    }
  }

  /**
   * Liveness of the failback: once the primary's last confirmed DOWN (one seen DOWN for {@code
   * restartsTheWait}) has ended, at {@code E}, and every later DOWN is a blip shorter than that,
   * the wait does not restart; the blips only pause it. Traffic does not move toward the primary
   * before {@code E + failback.after}, the first failback step comes by {@code E + failback.after
   * +} the blips' time {@code + one gap}, and everything is back on the primary one {@code
   * stepEvery} plus one gap per further step later.
   */
  @Property(tries = 300)
  void blipsShorterThanTheRestartBoundDoNotKeepTrafficOnTheStandby(
      @ForAll("blipTimelines") BlipTimeline t) {
    FailoverSettings f = t.settings();
    Backend primary = f.primary();
    List<Observed> run = t.scenario().run();
    long end = run.get(t.lastDownEnd()).nowNanos();
    long gap = Duration.ofMillis(t.gapMillis()).toNanos();
    long after = f.failback().after().toNanos();
    // blips pause the wait: the first step may come as much later as they lasted in all
    long blips = 0;
    for (int i = t.lastDownEnd(); i < run.size() - 1; i++) {
      if (run.get(i).health().isDown(primary)) {
        blips += run.get(i + 1).nowNanos() - run.get(i).nowNanos();
      }
    }
    long firstStep = after + blips + gap;
    long allBack =
        firstStep + (f.failback().steps().size() - 1) * (f.failback().stepEvery().toNanos() + gap);
    assertThat(run.get(t.lastDownEnd()).before().isAllOn(primary.other()))
        .as("failed over")
        .isTrue();
    assertThat(run.getLast().nowNanos() - end).isGreaterThanOrEqualTo(allBack);
    Optional<Observed> early = Optional.empty();
    Optional<Observed> stillOnStandby = Optional.empty();
    Optional<Observed> notBack = Optional.empty();
    for (Observed o : run) {
      long sinceEnd = o.nowNanos() - end;
      TrafficSplit split = o.decision().split();
      boolean towardPrimary = o.changed() && DecisionPipeline.towards(o.before(), split) == primary;
      if (towardPrimary && sinceEnd < after && early.isEmpty()) {
        early = Optional.of(o);
      }
      if (sinceEnd >= firstStep && split.weight(primary) == 0 && stillOnStandby.isEmpty()) {
        stillOnStandby = Optional.of(o);
      }
      if (sinceEnd >= allBack && !split.isAllOn(primary) && notBack.isEmpty()) {
        notBack = Optional.of(o);
      }
    }
    assertThat(early).as("failed back before failback.after").isEmpty();
    assertThat(stillOnStandby).as("all on the standby after the bound").isEmpty();
    assertThat(notBack).as("not all on the primary after the ramp's bound").isEmpty();
  }

  @Property(tries = 100)
  void sameInputsGiveTheSameOutputs(@ForAll("scenarios") Scenario s) {
    List<Decision> first = s.run().stream().map(Observed::decision).toList();
    List<Decision> second = s.run().stream().map(Observed::decision).toList();
    assertThat(second).isEqualTo(first);
  }

  // ---- generators ----

  /**
   * Issue 12: a new leader goes on from the state the old one put, mapped through the group's clock
   * onto its own monotonic clock, which reads something else entirely: from then on it decides
   * exactly what the old leader would have (a failback wait with 20 s left still has 20 s left, a
   * freeze stays frozen).
   */
  @Property(tries = 300)
  void aStateCarriedToAReplicaWithAnotherClockDecidesTheSameFromThenOn(
      @ForAll("scenarios") Scenario s,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 200) int carryAt,
      @ForAll long offsetNanos) {
    List<Decision> alone = s.run().stream().map(Observed::decision).toList();
    List<Decision> carried = s.run(carryAt, offsetNanos).stream().map(Observed::decision).toList();

    assertThat(carried).isEqualTo(alone);
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Combinators.combine(
            Arbitraries.oneOf(failoverSettings(), diversionSettings()),
            Arbitraries.integers().between(0, 100).map(w -> new TrafficSplit(w, 100 - w)),
            Arbitraries.of(RouteDriver.ODD_ORIGINS[0], RouteDriver.ODD_ORIGINS[1], 0L),
            steps().list().ofMinSize(1).ofMaxSize(40))
        .as(Scenario::new);
  }

  @Provide
  Arbitrary<BlipTimeline> blipTimelines() {
    Arbitrary<FailoverSettings> settings =
        Combinators.combine(
                Arbitraries.of(Backend.class),
                Arbitraries.integers().between(0, 20_000).map(Duration::ofMillis),
                safeguards(3),
                failbackSteps(),
                Arbitraries.integers().between(0, 240),
                prewarm(),
                Arbitraries.integers().between(0, 20_000).map(Duration::ofMillis))
            .as(PolicyProperties::failover)
            .filter(f -> !f.restartsTheWait().isZero());
    Arbitrary<BlipTimeline.Noise> noise =
        Combinators.combine(
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(1, 50))
            .as(BlipTimeline.Noise::new);
    Arbitrary<BlipTimeline.Episode> episode =
        Combinators.combine(Arbitraries.integers().between(0, 5), noise.list().ofMaxSize(20))
            .as(BlipTimeline.Episode::new);
    return Combinators.combine(
            settings,
            Arbitraries.of(RouteDriver.ODD_ORIGINS[0], RouteDriver.ODD_ORIGINS[1], 0L),
            Arbitraries.longs().between(200, 2_000),
            episode.list().ofMinSize(1).ofMaxSize(3))
        .as(BlipTimeline::of);
  }

  private Arbitrary<Safeguards> safeguards() {
    return safeguards(2);
  }

  private Arbitrary<Safeguards> safeguards(int leastTransitions) {
    return Combinators.combine(
            Arbitraries.integers().between(0, 60).map(Duration::ofSeconds),
            Arbitraries.integers().between(leastTransitions, 6),
            Arbitraries.integers().between(5, 60).map(Duration::ofMinutes),
            Arbitraries.integers().between(0, 3))
        .as(
            (dwell, max, window, warm) ->
                new Safeguards(dwell, new FlapBudget(max, window), warm, false));
  }

  private Arbitrary<Optional<Prewarm>> prewarm() {
    return Arbitraries.of(
        Optional.empty(), Optional.of(new Prewarm(Duration.ofMinutes(5), Duration.ofMinutes(2))));
  }

  private Arbitrary<PolicySettings> failoverSettings() {
    return Combinators.combine(
            Arbitraries.of(Backend.class),
            Arbitraries.integers().between(0, 20).map(Duration::ofSeconds),
            safeguards(),
            failbackSteps(),
            Arbitraries.integers().between(0, 240),
            prewarm())
        .<PolicySettings>as(PolicyProperties::failover);
  }

  private static FailoverSettings failover(
      Backend primary,
      Duration confirm,
      Safeguards guards,
      List<Integer> steps,
      int extra,
      Optional<Prewarm> prewarm) {
    return failover(primary, confirm, guards, steps, extra, prewarm, Duration.ZERO);
  }

  private static FailoverSettings failover(
      Backend primary,
      Duration confirm,
      Safeguards guards,
      List<Integer> steps,
      int extra,
      Optional<Prewarm> prewarm,
      Duration tolerateDown) {
    Duration after = guards.minDwell().plusSeconds(extra);
    Duration every = guards.minDwell().plusSeconds(extra % 30);
    return new FailoverSettings(
        primary,
        confirm,
        new FailoverSettings.Failback(after, steps, every, tolerateDown),
        guards,
        prewarm);
  }

  /** Up to three rising percents, then 100. */
  private Arbitrary<List<Integer>> failbackSteps() {
    return Arbitraries.integers()
        .between(1, 99)
        .set()
        .ofMaxSize(3)
        .map(
            set -> {
              List<Integer> sorted = new ArrayList<>(set.stream().sorted().toList());
              sorted.add(100);
              return sorted;
            });
  }

  private Arbitrary<PolicySettings> diversionSettings() {
    Arbitrary<DiversionSettings.ScheduledWindow> window =
        Combinators.combine(
                Arbitraries.integers().between(0, 7200),
                Arbitraries.integers().between(60, 3600),
                Arbitraries.of(Backend.class),
                Arbitraries.integers().between(1, 100))
            .as(
                (startSec, lengthSec, target, percent) -> {
                  Instant from = Scenario.WALL_START.plusSeconds(startSec);
                  return new DiversionSettings.ScheduledWindow(
                      from, from.plusSeconds(lengthSec), target, percent);
                });
    Arbitrary<DiversionSettings.Spill> spill =
        Combinators.combine(
                Arbitraries.integers().between(0, 120).map(Duration::ofSeconds),
                Arbitraries.integers().between(5, 50),
                Arbitraries.integers().between(0, 120).map(Duration::ofSeconds),
                Arbitraries.integers().between(10, 100))
            .as(
                (sustain, step, every, cap) ->
                    new DiversionSettings.Spill(800, 400, sustain, step, every, cap));
    return Combinators.combine(
            Arbitraries.of(Backend.class),
            window.list().ofMaxSize(2),
            spill.optional(),
            Arbitraries.of(true, false),
            safeguards(),
            prewarm())
        .as(
            (assigned, windows, sp, protect, guards, pw) ->
                new DiversionSettings(
                    assigned,
                    windows,
                    assigned == Backend.CVM ? sp : Optional.empty(),
                    protect,
                    guards,
                    pw));
  }

  private Arbitrary<Scenario.Step> steps() {
    Arbitrary<Verdict> verdict =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.just(Verdict.UP)),
            net.jqwik.api.Tuple.of(3, Arbitraries.just(Verdict.DOWN)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(Verdict.UNKNOWN)));
    Arbitrary<OverrideAction> action =
        Arbitraries.oneOf(
            Arbitraries.of(Backend.class).map(OverrideAction.Pin::new),
            Arbitraries.integers()
                .between(0, 100)
                .map(w -> new OverrideAction.FixedSplit(new TrafficSplit(w, 100 - w))),
            Arbitraries.just(new OverrideAction.Pause()));
    Arbitrary<OperatorEvent> event =
        Arbitraries.oneOf(
            Combinators.combine(
                    action,
                    Arbitraries.integers().between(10, 900).map(Duration::ofSeconds),
                    Arbitraries.of(true, false))
                .as(OperatorEvent.Set::new),
            Arbitraries.just(new OperatorEvent.Clear()),
            Arbitraries.just(new OperatorEvent.Resume()));
    Arbitrary<Optional<OperatorEvent>> maybeEvent =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just(Optional.<OperatorEvent>empty())),
            net.jqwik.api.Tuple.of(1, event.map(Optional::of)));
    return Combinators.combine(
            Arbitraries.integers().between(1, 60),
            Arbitraries.longs().between(200, 10_000),
            verdict,
            verdict,
            Arbitraries.doubles().between(0, 1500),
            maybeEvent)
        .as(Scenario.Step::new);
  }
}
