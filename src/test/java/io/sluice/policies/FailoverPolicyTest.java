package io.sluice.policies;

import static io.sluice.policies.Verdict.DOWN;
import static io.sluice.policies.Verdict.UNKNOWN;
import static io.sluice.policies.Verdict.UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

final class FailoverPolicyTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);
  static final List<Long> ORIGINS =
      java.util.Arrays.stream(RouteDriver.ODD_ORIGINS).boxed().toList();

  private static RouteDriver warmOnCvm(long origin) {
    RouteDriver d =
        new RouteDriver(Settings.failover(), ON_CVM, origin, Instant.parse("2026-11-11T10:00:00Z"));
    d.warmUp(UP, UP);
    return d;
  }

  @ParameterizedTest
  @FieldSource("ORIGINS")
  void failsOverOnceThePrimaryHasBeenDownForConfirmFor(long origin) {
    RouteDriver d = warmOnCvm(origin);

    Decision waiting = d.observeFor(Duration.ofSeconds(4), SECOND, DOWN, UP);
    assertThat(waiting).isInstanceOf(Decision.Hold.class);
    assertThat(waiting.phase()).isEqualTo(Phase.CONFIRMING);

    d.advance(SECOND);
    Decision moved = d.observe(DOWN, UP);
    assertThat(moved).isInstanceOf(Decision.Shift.class);
    assertThat(moved.split()).isEqualTo(ON_SCF);
    assertThat(moved.phase()).isEqualTo(Phase.FAILED_OVER);
    assertThat(moved.reason().rule()).isEqualTo("failover");
    assertThat(moved.reason().inputs()).containsEntry("confirmFor", "5s");
  }

  @Test
  void holdsTheCurrentSplitWhileWarmingUpEvenWithThePrimaryDown() {
    RouteDriver d = new RouteDriver(Settings.failover(Duration.ZERO), ON_CVM);

    Decision first = d.observe(DOWN, UP);

    assertThat(first).isInstanceOf(Decision.Hold.class);
    assertThat(first.phase()).isEqualTo(Phase.WARMING);
    assertThat(first.split()).isEqualTo(ON_CVM);
  }

  @Test
  void warmUpCountsOnlyRoundsWithAKnownVerdict() {
    RouteDriver d = new RouteDriver(Settings.failover(Duration.ZERO), ON_CVM);
    d.observeFor(Duration.ofSeconds(10), SECOND, UNKNOWN, UNKNOWN);
    assertThat(d.phase()).isEqualTo(Phase.WARMING);

    d.advance(SECOND);
    d.observe(DOWN, UP);
    d.advance(SECOND);
    Decision second = d.observe(DOWN, UP);

    assertThat(second.split()).isEqualTo(ON_SCF);
  }

  @Test
  void unknownPrimaryNeverCausesFailover() {
    RouteDriver d = warmOnCvm(0);

    d.observeFor(Duration.ofMinutes(10), SECOND, UNKNOWN, UP);

    assertThat(d.shifts()).isEmpty();
    assertThat(d.split()).isEqualTo(ON_CVM);
  }

  @Test
  void unknownNeitherFailsOverNorRestartsTheConfirmation() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(4), SECOND, DOWN, UP);
    d.advance(SECOND);

    d.observeFor(Duration.ofMinutes(10), SECOND, UNKNOWN, UP);
    assertThat(d.shifts()).isEmpty();
    d.advance(SECOND);
    Decision down = d.observe(DOWN, UP);

    // The DOWN run began before the UNKNOWN gap, so confirmFor has long passed.
    assertThat(down.split()).isEqualTo(ON_SCF);
    assertThat(down.reason().rule()).isEqualTo("failover");
  }

  @Test
  void warmUpEndsWhileTheStandbyStaysSilent() {
    RouteDriver d = new RouteDriver(Settings.failover(Duration.ZERO), ON_CVM);

    d.observeFor(Duration.ofSeconds(3), SECOND, DOWN, UNKNOWN);

    assertThat(d.phase()).isNotEqualTo(Phase.WARMING);
    assertThat(d.split()).isEqualTo(ON_SCF);
  }

  @Test
  void failsOverToAnUnknownStandbyBecauseOnlyADownStandbyForbidsIt() {
    RouteDriver d = warmOnCvm(0);

    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UNKNOWN);

    assertThat(d.split()).isEqualTo(ON_SCF);
  }

  @Test
  void bothDownHoldsTheLastGoodSplit() {
    RouteDriver d = warmOnCvm(0);

    Decision held = d.observeFor(Duration.ofMinutes(5), SECOND, DOWN, DOWN);

    assertThat(held.phase()).isEqualTo(Phase.BOTH_DOWN);
    assertThat(held.split()).isEqualTo(ON_CVM);
    assertThat(d.shifts()).isEmpty();
  }

  @Test
  void failsBackInStepsOnlyAfterThePrimaryHasBeenUpForFailbackAfter() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP);
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);

    d.observeFor(Duration.ofSeconds(119), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);
    d.observe(UP, UP);
    assertThat(d.split()).isEqualTo(new TrafficSplit(10, 90));
    assertThat(d.phase()).isEqualTo(Phase.FAILING_BACK);

    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(28), SECOND, UP, UP); // 29 s after the first step
    assertThat(d.split()).isEqualTo(new TrafficSplit(10, 90));
    d.advance(SECOND);
    d.observe(UP, UP);
    assertThat(d.split()).isEqualTo(new TrafficSplit(50, 50));
    d.advance(Duration.ofSeconds(30));
    d.observe(UP, UP);
    assertThat(d.split()).isEqualTo(ON_CVM);
    assertThat(d.phase()).isEqualTo(Phase.NORMAL);
  }

  /**
   * confirmFor 5 s, failback.after 2 m. Failover at 5 s; the primary is UP from 6 s; a DOWN seen at
   * 66, 67 and 68 s (3 s until the UP at 69 s, shorter than confirmFor as the engine sees it) is a
   * blip: the wait is not restarted, only paused for the 3 s, so it ends at 129 s, not 2 m after 69
   * s.
   */
  @ParameterizedTest
  @FieldSource("ORIGINS")
  void aDownShorterThanConfirmForDoesNotRestartTheFailbackWait(long origin) {
    RouteDriver d = warmOnCvm(origin);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP); // 0..5 s
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(59), SECOND, UP, UP); // 6..65 s
    d.advance(SECOND);
    Decision blip = d.observeFor(Duration.ofSeconds(2), SECOND, DOWN, UP); // 66..68 s
    assertThat(blip.reason().rule()).isEqualTo("failback-wait");
    assertThat(blip.reason().inputs()).containsEntry("upFor", "1m");
    d.advance(SECOND);

    Decision waiting = d.observeFor(Duration.ofSeconds(59), SECOND, UP, UP); // 69..128 s
    assertThat(waiting.split()).isEqualTo(ON_SCF);
    assertThat(waiting.reason().rule()).isEqualTo("failback-wait");
    assertThat(waiting.reason().inputs()).containsEntry("upFor", "119s");
    d.advance(SECOND);
    Decision start = d.observe(UP, UP); // 129 s

    assertThat(start.split()).isEqualTo(new TrafficSplit(10, 90));
    assertThat(start.reason().rule()).isEqualTo("failback-start");
    assertThat(start.reason().inputs()).containsEntry("upFor", "2m");
  }

  /** The same timeline, but the DOWN is seen at 66..71 s: 5 s, confirmed; the wait restarts. */
  @Test
  void aConfirmedDownRestartsTheFailbackWait() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP); // 0..5 s
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(59), SECOND, UP, UP); // 6..65 s
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP); // 66..71 s
    d.advance(SECOND);

    Decision waiting = d.observeFor(Duration.ofSeconds(119), SECOND, UP, UP); // 72..191 s
    assertThat(waiting.split()).isEqualTo(ON_SCF);
    assertThat(waiting.reason().inputs()).containsEntry("upFor", "119s");
    d.advance(SECOND);
    Decision start = d.observe(UP, UP); // 192 s

    assertThat(start.split()).isEqualTo(new TrafficSplit(10, 90));
  }

  /** With confirmFor 0 s every DOWN is confirmed, so any DOWN restarts the wait (as a failover). */
  @Test
  void withNoConfirmationEveryDownRestartsTheFailbackWait() {
    RouteDriver d = new RouteDriver(Settings.failover(Duration.ZERO), ON_CVM);
    d.warmUp(UP, UP);
    d.observe(DOWN, UP); // 0 s: failover
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(59), SECOND, UP, UP); // 1..60 s
    d.advance(SECOND);
    d.observe(DOWN, UP); // 61 s
    d.advance(SECOND);

    Decision waiting = d.observeFor(Duration.ofSeconds(119), SECOND, UP, UP); // 62..181 s
    assertThat(waiting.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);
    assertThat(d.observe(UP, UP).split()).isEqualTo(new TrafficSplit(10, 90)); // 182 s
  }

  /**
   * With {@code confirmFor: 0s} (failing over at the first DOWN verdict), {@code
   * failback.tolerateDown} still lets a short DOWN during the wait pass as a blip: the primary
   * carries no traffic then. One that lasts longer restarts the wait.
   */
  @Test
  void withoutConfirmationADownShorterThanTolerateDownDoesNotRestartTheWait() {
    FailoverSettings base = Settings.failover(Duration.ZERO);
    FailoverSettings tolerant =
        new FailoverSettings(
            base.primary(),
            base.confirmFor(),
            new FailoverSettings.Failback(
                base.failback().after(),
                base.failback().steps(),
                base.failback().stepEvery(),
                Duration.ofSeconds(10)),
            base.safeguards(),
            base.prewarm());
    RouteDriver d = new RouteDriver(tolerant, ON_CVM);
    d.warmUp(UP, UP); // 0..1 s
    d.observe(DOWN, UP); // 2 s: failover at once
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(59), SECOND, UP, UP); // 3..62 s: the wait runs from 3 s
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(3), SECOND, DOWN, UP); // 63..66 s: a blip, 4 s to the UP
    d.advance(SECOND);

    d.observeFor(Duration.ofSeconds(59), SECOND, UP, UP); // 67..126 s
    assertThat(d.split()).as("the wait was paused 4 s, not restarted").isEqualTo(ON_SCF);
    d.advance(SECOND);
    d.observe(UP, UP); // 127 s: 2 m of UP since 3 s, the blip left out
    assertThat(d.split()).isEqualTo(new TrafficSplit(10, 90));

    RouteDriver longer = new RouteDriver(tolerant, ON_CVM);
    longer.warmUp(UP, UP);
    longer.observe(DOWN, UP);
    longer.advance(SECOND);
    longer.observeFor(Duration.ofSeconds(59), SECOND, UP, UP);
    longer.advance(SECOND);
    longer.observeFor(Duration.ofSeconds(12), SECOND, DOWN, UP); // 61..73 s: past tolerateDown
    longer.advance(SECOND);
    longer.observeFor(Duration.ofSeconds(100), SECOND, UP, UP); // 74..174 s
    assertThat(longer.split()).as("a DOWN of 12 s restarted the wait").isEqualTo(ON_SCF);
  }

  /**
   * A blip during the ramp still returns everything to the standby at once (safety), and it does
   * not restart the wait either (it pauses it for the 1 s it lasted); but the abort counts as a
   * failover, so the next failback waits twice failback.after, counted from the same end of the
   * last confirmed DOWN (6 s): 4 m 7 s.
   */
  @Test
  void aBlipDuringTheRampAbortsItAndTheNextFailbackWaitsTwiceAsLong() {
    FailoverSettings base = Settings.failover();
    FailoverSettings roomy =
        new FailoverSettings(
            base.primary(), base.confirmFor(), base.failback(), Settings.guards(6), base.prewarm());
    RouteDriver d = new RouteDriver(roomy, ON_CVM, 0, Instant.parse("2026-11-11T10:00:00Z"));
    d.warmUp(UP, UP);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP); // 0..5 s: failover
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(120), SECOND, UP, UP); // 6..126 s: first step at 126 s
    assertThat(d.split()).isEqualTo(new TrafficSplit(10, 90));
    d.advance(Duration.ofSeconds(30));

    Decision abort = d.observe(DOWN, UP); // 156 s, once the dwell allows a change
    assertThat(abort.split()).isEqualTo(ON_SCF);
    assertThat(abort.reason().rule()).isEqualTo("failback-abort");
    d.advance(SECOND);
    Decision waiting = d.observeFor(Duration.ofSeconds(89), SECOND, UP, UP); // 157..246 s
    assertThat(waiting.split()).isEqualTo(ON_SCF);
    assertThat(waiting.reason().inputs())
        .containsEntry("after", "4m")
        .containsEntry("upFor", "239s")
        .containsEntry("failoversInWindow", "2");
    d.advance(SECOND);

    assertThat(d.observe(UP, UP).split()).isEqualTo(new TrafficSplit(10, 90)); // 247 s
  }

  @Test
  void aRampFoundHalfDoneAtStartResumesAfterOneStepIntervalNotTheWholeWait() {
    TrafficSplit fiftyFifty = new TrafficSplit(50, 50);
    RouteDriver d =
        new RouteDriver(Settings.failover(), fiftyFifty, 0, Instant.parse("2026-11-11T10:00:00Z"));
    d.warmUp(UP, UP);
    Duration stepEvery = Settings.failover().failback().stepEvery();
    assertThat(Settings.failover().failback().after()).isGreaterThan(stepEvery);

    d.observeFor(stepEvery.minusSeconds(5), SECOND, UP, UP);
    assertThat(d.shifts()).as("not before one step interval of UP").isEmpty();
    d.observeFor(Duration.ofSeconds(10), SECOND, UP, UP);

    assertThat(d.shifts()).hasSize(1);
    assertThat(d.split()).isEqualTo(ON_CVM);
  }

  @Test
  void returnsToTheStandbyWhenThePrimaryDegradesDuringTheRamp() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP);
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(120), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(new TrafficSplit(10, 90));

    d.advance(Duration.ofSeconds(30));
    Decision abort = d.observe(DOWN, UP);

    assertThat(abort.split()).isEqualTo(ON_SCF);
    assertThat(abort.reason().rule()).isEqualTo("failback-abort");
  }

  @Test
  void returnsToThePrimaryAtOnceWhenTheStandbyDiesAndThePrimaryIsUp() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP);
    d.advance(Duration.ofSeconds(30));

    Decision back = d.observe(UP, DOWN);

    assertThat(back.split()).isEqualTo(ON_CVM);
    assertThat(back.reason().rule()).isEqualTo("standby-down");
  }

  @Test
  void waitsOutTheMinimumDwellBeforeAnyAutomaticChange() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP);
    d.advance(Duration.ofSeconds(10));

    Decision blocked = d.observe(UP, DOWN);

    assertThat(blocked).isInstanceOf(Decision.Hold.class);
    assertThat(blocked.reason().rule()).isEqualTo("min-dwell");
    assertThat(blocked.reason().inputs())
        .containsEntry("minDwell", "30s")
        .containsEntry("sinceLastChange", "10s");
  }

  /**
   * Budget 4 flips per hour: failover (1), failback (2), failover (3); the next failback would be
   * the fourth and last allowed flip, but it escapes no DOWN backend, so the route freezes on SCF.
   */
  private static RouteDriver flapUntilFrozen() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(30), SECOND, DOWN, UP);
    d.advance(SECOND);
    d.observeFor(Duration.ofMinutes(4), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(ON_CVM);
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(30), SECOND, DOWN, UP);
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);
    d.observeFor(Duration.ofMinutes(5), SECOND, UP, UP);
    return d;
  }

  @Test
  void freezesOnTheStandbyWhenTheFlapBudgetIsSpent() {
    RouteDriver d = flapUntilFrozen();

    assertThat(d.phase()).isEqualTo(Phase.FROZEN);
    assertThat(d.split()).isEqualTo(ON_SCF);
    assertThat(d.decisions()).filteredOn(Decision.Freeze.class::isInstance).hasSize(1);
    Decision.Freeze freeze =
        (Decision.Freeze)
            d.decisions().stream().filter(Decision.Freeze.class::isInstance).findFirst().get();
    assertThat(freeze.reason().rule()).isEqualTo("flap-budget-spent");
    assertThat(freeze.reason().inputs()).containsEntry("maxTransitions", "4");
  }

  @Test
  void theFailbackWaitDoublesForEachEarlierFailoverInTheFlapWindow() {
    RouteDriver d = warmOnCvm(0);
    d.observeFor(Duration.ofSeconds(30), SECOND, DOWN, UP); // failover 1
    d.advance(SECOND);
    d.observeFor(Duration.ofMinutes(4), SECOND, UP, UP); // failback after 2m, ramp done
    assertThat(d.split()).isEqualTo(ON_CVM);
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(30), SECOND, DOWN, UP); // failover 2
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);

    Decision waiting = d.observeFor(Duration.ofSeconds(200), SECOND, UP, UP);

    assertThat(waiting.reason().rule()).isEqualTo("failback-wait");
    assertThat(waiting.reason().inputs())
        .containsEntry("after", "4m")
        .containsEntry("failoversInWindow", "2");
  }

  @Test
  void aFrozenRouteStillLeavesADeadBackendAfterTheDwell() {
    RouteDriver d = flapUntilFrozen();
    assertThat(d.split()).isEqualTo(ON_SCF);

    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(30), SECOND, UP, DOWN);

    Decision.Shift escape = d.shifts().getLast();
    assertThat(escape.split()).isEqualTo(ON_CVM);
    assertThat(escape.phase()).isEqualTo(Phase.FROZEN);
    assertThat(escape.reason().rule()).isEqualTo("frozen-escape");
    d.advance(SECOND);
    d.observeFor(Duration.ofMinutes(10), SECOND, UP, UP);
    assertThat(d.phase()).isEqualTo(Phase.FROZEN);
    assertThat(d.split()).isEqualTo(ON_CVM);
  }

  @Test
  void theHoldDownCountsFailoversNotChangesOfDirection() {
    // Starting on SCF, the first change of direction is a failback: with one failover in the
    // window since, the second failback must wait failback.after (2m), not double it.
    RouteDriver d =
        new RouteDriver(Settings.failover(), ON_SCF, 0, Instant.parse("2026-11-11T10:00:00Z"));
    d.warmUp(UP, UP);
    d.observeFor(Duration.ofMinutes(3), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(ON_CVM);
    d.advance(SECOND);
    d.observeFor(Duration.ofSeconds(30), SECOND, DOWN, UP);
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(SECOND);

    d.observeFor(Duration.ofSeconds(121), SECOND, UP, UP);

    assertThat(d.split()).isEqualTo(new TrafficSplit(10, 90));
  }

  @Test
  void operatorResumeLiftsTheFreeze() {
    RouteDriver d = flapUntilFrozen();
    assertThat(d.phase()).isEqualTo(Phase.FROZEN);

    d.resume();
    d.advance(SECOND);
    d.observe(UP, UP);

    assertThat(d.phase()).isEqualTo(Phase.FAILING_BACK);
    assertThat(d.split()).isEqualTo(new TrafficSplit(10, 90));
  }

  @Test
  void observeOnlyMarksEveryDecisionNotToBeCarriedOut() {
    FailoverSettings base = Settings.failover(Duration.ZERO);
    FailoverSettings observeOnly =
        new FailoverSettings(
            base.primary(),
            base.confirmFor(),
            base.failback(),
            base.safeguards().withObserveOnly(true),
            Optional.empty());
    RouteDriver d = new RouteDriver(observeOnly, ON_CVM);
    d.warmUp(UP, UP);

    Decision shift = d.observe(DOWN, UP);

    assertThat(shift).isInstanceOf(Decision.Shift.class);
    assertThat(d.decisions()).allMatch(Decision::observeOnly);
  }

  @Test
  void preWarmsScfBeforeTheFirstMoveToItAndReleasesItAfterTheFailbackHolds() {
    FailoverSettings base = Settings.failover(Duration.ZERO);
    FailoverSettings withPrewarm =
        new FailoverSettings(
            base.primary(),
            base.confirmFor(),
            base.failback(),
            base.safeguards(),
            Optional.of(new Prewarm(Duration.ofMinutes(10), Duration.ofMinutes(5))));
    RouteDriver d = new RouteDriver(withPrewarm, ON_CVM);
    d.warmUp(UP, UP);

    Decision failover = d.observe(DOWN, UP);
    assertThat(failover.sideActions()).containsExactly(new SideAction.PrewarmScf());

    d.advance(Duration.ofSeconds(30));
    d.observeFor(Duration.ofMinutes(4), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(ON_CVM);
    d.observeFor(Duration.ofMinutes(6), SECOND, UP, UP);

    List<SideAction> all = d.decisions().stream().flatMap(x -> x.sideActions().stream()).toList();
    assertThat(all).containsExactly(new SideAction.PrewarmScf(), new SideAction.ReleasePrewarm());
  }

  @Test
  void worksTheSameWithScfAsPrimary() {
    FailoverSettings base = Settings.failover(Duration.ZERO);
    FailoverSettings scfPrimary =
        new FailoverSettings(
            Backend.SCF, base.confirmFor(), base.failback(), base.safeguards(), Optional.empty());
    RouteDriver d = new RouteDriver(scfPrimary, ON_SCF);
    d.warmUp(UP, UP);

    d.observe(UP, DOWN);

    assertThat(d.split()).isEqualTo(ON_CVM);
    assertThat(d.phase()).isEqualTo(Phase.FAILED_OVER);
  }
}
