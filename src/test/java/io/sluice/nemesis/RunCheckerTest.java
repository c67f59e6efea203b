package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checker on hand-made logs: each property passes a run that keeps it and fails one that
 * doesn't.
 */
final class RunCheckerTest {
  private static final Instant T0 = Instant.parse("2026-12-07T21:00:00Z");
  private static final Duration SLACK = Duration.ofMillis(5);
  private static final String RULE = "clb:lb-cvm/lbl-cvm/loc-shopcvm";
  private static final String NAME = "dns:shop.sluice.local/A";

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  private static CloudWrite write(long millis, String replica) {
    return new CloudWrite(at(millis), replica, "ModifyTargetWeight", RULE, "req-" + millis);
  }

  private static final List<EpochGrant> EPOCHS =
      List.of(new EpochGrant(1, "r1", at(0)), new EpochGrant(2, "r2", at(10_000)));

  @Test
  void writesByEachLeaderInsideItsEpochPass() {
    List<CloudWrite> writes =
        List.of(write(100, "r1"), write(9_999, "r1"), write(10_002, "r2"), write(20_000, "r2"));

    assertThat(RunChecker.writesAfterNewerEpoch(writes, EPOCHS, SLACK)).isEmpty();
  }

  @Test
  void aDeposedLeadersWriteAfterTheNewEpochBeganIsReportedWithBothGrants() {
    CloudWrite late = write(10_050, "r1");

    List<Violation> found =
        RunChecker.writesAfterNewerEpoch(List.of(write(100, "r1"), late), EPOCHS, SLACK);

    assertThat(found).hasSize(1);
    assertThat(found.getFirst().property()).isEqualTo("write-after-newer-epoch");
    assertThat(found.getFirst().message()).isEqualTo("r1 wrote in epoch 1 after epoch 2 began");
    assertThat(found.getFirst().entries()).containsExactly(late, EPOCHS.get(0), EPOCHS.get(1));
  }

  @Test
  void aWriteWithinTheSlackOfTheNewEpochPassesAndOneBeyondItFails() {
    assertThat(RunChecker.writesAfterNewerEpoch(List.of(write(10_004, "r1")), EPOCHS, SLACK))
        .isEmpty();
    assertThat(RunChecker.writesAfterNewerEpoch(List.of(write(10_006, "r1")), EPOCHS, SLACK))
        .hasSize(1);
  }

  @Test
  void aWriteByAReplicaThatNeverLedIsReported() {
    List<Violation> found =
        RunChecker.writesAfterNewerEpoch(List.of(write(500, "r3")), EPOCHS, SLACK);

    assertThat(found)
        .extracting(Violation::message)
        .containsExactly("r3 wrote without holding any epoch");
  }

  @Test
  void aLeaderBackInANewerEpochMayWriteAgainButNotInBetween() {
    List<EpochGrant> epochs =
        List.of(
            new EpochGrant(1, "r1", at(0)),
            new EpochGrant(2, "r2", at(1_000)),
            new EpochGrant(3, "r1", at(2_000)));

    assertThat(RunChecker.writesAfterNewerEpoch(List.of(write(2_500, "r1")), epochs, SLACK))
        .isEmpty();
    assertThat(RunChecker.writesAfterNewerEpoch(List.of(write(1_500, "r1")), epochs, SLACK))
        .extracting(Violation::message)
        .containsExactly("r1 wrote in epoch 1 after epoch 2 began");
  }

  @Test
  void withoutEpochsThereIsNoGroupAndNothingToCheck() {
    assertThat(RunChecker.writesAfterNewerEpoch(List.of(write(1, "solo")), List.of(), SLACK))
        .isEmpty();
  }

  @Test
  void aRuleEmptiedAndRefilledAtTheSameMomentPasses() {
    List<RoutingChange> routing =
        List.of(
            new RoutingChange(at(0), RULE, Map.of("ins-1:80", 10)),
            new RoutingChange(at(100), RULE, Map.of()),
            new RoutingChange(at(100), RULE, Map.of("scf:default/hello:$LATEST", 100)));

    assertThat(RunChecker.routesNowhere(routing, Map.of(), at(1_000))).isEmpty();
  }

  @Test
  void aRuleRoutingNowhereLongerThanThePlanAllowsIsReportedWithItsChanges() {
    RoutingChange emptied = new RoutingChange(at(100), RULE, Map.of("ins-1:80", 0));
    RoutingChange refilled = new RoutingChange(at(400), RULE, Map.of("ins-1:80", 10));
    List<RoutingChange> routing =
        List.of(new RoutingChange(at(0), RULE, Map.of("ins-1:80", 10)), emptied, refilled);

    List<Violation> strict = RunChecker.routesNowhere(routing, Map.of(), at(1_000));
    List<Violation> planned =
        RunChecker.routesNowhere(routing, Map.of(RULE, Duration.ofMillis(300)), at(1_000));

    assertThat(strict).hasSize(1);
    assertThat(strict.getFirst().message())
        .isEqualTo(RULE + " routed to nothing for 300 ms, the plan allows 0 ms");
    assertThat(strict.getFirst().entries()).containsExactly(emptied, refilled);
    assertThat(planned).isEmpty();
  }

  @Test
  void aNameLeftEmptyUntilTheEndIsReported() {
    List<RoutingChange> routing =
        List.of(
            new RoutingChange(at(0), NAME, Map.of("2001 127.0.0.1", 100)),
            new RoutingChange(at(900), NAME, Map.of()));

    assertThat(RunChecker.routesNowhere(routing, Map.of(), at(1_000)))
        .extracting(Violation::message)
        .containsExactly(
            NAME
                + " routed to nothing for 100 ms (until the end of the run), the plan allows 0 ms");
  }

  @Test
  void anAcknowledgedOverrideMustSurviveUnlessItExpired() {
    AcknowledgedOverride pinned =
        new AcknowledgedOverride("shop/default", "pin scf", at(0), Optional.empty());
    AcknowledgedOverride expired =
        new AcknowledgedOverride("shop/other", "freeze", at(0), Optional.of(at(500)));

    assertThat(
            RunChecker.overridesLost(
                List.of(pinned, expired), Map.of("shop/default", "pin scf"), at(1_000)))
        .isEmpty();
    List<Violation> lost = RunChecker.overridesLost(List.of(pinned), Map.of(), at(1_000));
    assertThat(lost)
        .extracting(Violation::message)
        .containsExactly("shop/default was acknowledged as 'pin scf' but is gone");
    assertThat(lost.getFirst().entries()).containsExactly(pinned);
    assertThat(
            RunChecker.overridesLost(List.of(pinned), Map.of("shop/default", "pin cvm"), at(1_000)))
        .extracting(Violation::message)
        .containsExactly("shop/default was acknowledged as 'pin scf' but is 'pin cvm'");
  }

  @Test
  void theWorldMustReachTheExpectedRoutingByTheBoundAndStayThere() {
    List<RoutingChange> routing =
        List.of(
            new RoutingChange(at(0), RULE, Map.of("ins-1:80", 10)),
            new RoutingChange(at(2_000), RULE, Map.of("ins-1:80", 0, "scf:default/f:1", 100)));
    Map<String, Set<String>> onScf = Map.of(RULE, Set.of("scf:default/f:1"));

    assertThat(RunChecker.notConverged(routing, onScf, at(3_000), at(5_000))).isEmpty();
    assertThat(RunChecker.notConverged(routing, onScf, at(1_000), at(5_000)))
        .extracting(Violation::message)
        .containsExactly(RULE + " reached [scf:default/f:1] only 1000 ms after the bound");
    assertThat(
            RunChecker.notConverged(
                routing, Map.of(RULE, Set.of("ins-1:80")), at(3_000), at(5_000)))
        .extracting(Violation::message)
        .containsExactly(RULE + " ends on [scf:default/f:1], expected [ins-1:80]");
    assertThat(RunChecker.notConverged(routing, Map.of(NAME, Set.of("x")), at(3_000), at(5_000)))
        .extracting(Violation::property)
        .containsExactly("not-converged");
  }

  @Test
  void aCleanRunHasNoViolationsAndABrokenOneListsThemAll() {
    List<RoutingChange> routing =
        List.of(
            new RoutingChange(at(0), RULE, Map.of("ins-1:80", 10)),
            new RoutingChange(at(2_000), RULE, Map.of("scf:default/f:1", 100)));
    RunChecker.Run clean = run(List.of(write(1_990, "r1")), routing, List.of());
    RunChecker.Run broken =
        run(
            List.of(write(11_000, "r1")),
            List.of(routing.getFirst(), new RoutingChange(at(2_000), RULE, Map.of())),
            List.of(new AcknowledgedOverride("shop/default", "freeze", at(0), Optional.empty())));

    assertThat(RunChecker.check(clean)).isEmpty();
    assertThat(RunChecker.check(broken))
        .extracting(Violation::property)
        .containsExactly(
            "write-after-newer-epoch", "routes-nowhere", "override-lost", "not-converged");
  }

  /** A run on the two epochs that must end on SCF by 3 s, its logs read at 30 s. */
  private static RunChecker.Run run(
      List<CloudWrite> writes, List<RoutingChange> routing, List<AcknowledgedOverride> overrides) {
    return new RunChecker.Run(
        writes,
        EPOCHS,
        routing,
        Map.of(),
        overrides,
        Map.of(),
        Map.of(RULE, Set.of("scf:default/f:1")),
        at(3_000),
        at(30_000),
        SLACK);
  }
}
