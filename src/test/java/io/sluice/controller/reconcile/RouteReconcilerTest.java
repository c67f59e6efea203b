package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.journal.JournalEntry;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.Phase;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.sluice.testing.DemoConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile loop on a fake clock with an in-memory actuator, for the sandbox demo's failover
 * service: CVM primary, confirmFor 5s, failback after 60s in steps of 10, 50 and 100 every 30s.
 */
final class RouteReconcilerTest {
  private static final Instant WALL = Instant.parse("2026-11-24T08:00:00Z");
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);

  @TempDir Path stateDir;
  private IntentJournal journal;
  private long nanos = Long.MAX_VALUE - Duration.ofMinutes(5).toNanos();
  private long round;
  private RouteSettings route;
  private final FakeActuator cloud = new FakeActuator(ON_CVM);

  @BeforeEach
  void setUp() throws Exception {
    journal = IntentJournal.open(stateDir, Clock.fixed(WALL, ZoneOffset.UTC));
    route = DemoConfig.route();
  }

  @AfterEach
  void tearDown() throws Exception {
    journal.close();
  }

  private RouteReconciler reconciler(boolean dryRun) {
    return new RouteReconciler(
        "demo", route, List.of(cloud), journal, new SimpleMeterRegistry(), dryRun, () -> nanos);
  }

  /** Ticks once a second for {@code seconds} with these verdicts. */
  private void run(RouteReconciler reconciler, int seconds, Verdict cvm, Verdict scf) {
    for (int i = 0; i < seconds; i++) {
      reconciler.tick(
          new HealthSnapshot(cvm, scf, ++round, OptionalDouble.empty(), WALL), Overrides.NONE);
      nanos += Duration.ofSeconds(1).toNanos();
    }
  }

  @Test
  void startsFromWhatTheCloudRoutesAndHoldsWhileWarming() {
    cloud.routed = ON_SCF;
    RouteReconciler reconciler = reconciler(false);

    run(reconciler, 1, Verdict.UNKNOWN, Verdict.UNKNOWN);

    assertThat(reconciler.state()).hasValueSatisfying(s -> assertThat(s.split()).isEqualTo(ON_SCF));
    assertThat(reconciler.phase()).isEqualTo(Phase.WARMING);
    run(reconciler, 10, Verdict.UNKNOWN, Verdict.UNKNOWN);
    assertThat(cloud.writes).isEmpty();
  }

  @Test
  void failsOverThroughTheActuatorAndJournalsIntentStepsAndOutcome() {
    RouteReconciler reconciler = reconciler(false);
    run(reconciler, 5, Verdict.UP, Verdict.UP);

    run(reconciler, 10, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).containsExactly(ON_SCF);
    assertThat(reconciler.actual())
        .hasValueSatisfying(r -> assertThat(r.split()).isEqualTo(ON_SCF));
    assertThat(journal.entries())
        .extracting(JournalEntry::type)
        .containsExactly(
            JournalEntry.Type.INTENT,
            JournalEntry.Type.STEP,
            JournalEntry.Type.STEP_DONE,
            JournalEntry.Type.OUTCOME);
    assertThat(journal.entries().getLast().field("outcome")).isEqualTo("APPLIED");
    assertThat(reconciler.lastChange())
        .contains(new RouteReconciler.AppliedChange(1, ON_CVM, ON_SCF));
  }

  @Test
  void anUnknownOutcomeIsReadBackAndRetriedWithBackoffUntilItConverges() {
    RouteReconciler reconciler = reconciler(false);
    run(reconciler, 5, Verdict.UP, Verdict.UP);
    cloud.applyFailures.add(FakeActuator.unknown("InternalError"));
    cloud.applyFailures.add(FakeActuator.unknown("InternalError"));
    int readsBefore = cloud.reads;

    run(reconciler, 20, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).containsExactly(ON_SCF);
    assertThat(cloud.reads - readsBefore)
        .as("a read after each failed change")
        .isGreaterThanOrEqualTo(2);
    assertThat(journal.entries())
        .filteredOn(e -> e.type() == JournalEntry.Type.OUTCOME)
        .extracting(e -> e.field("outcome"))
        .containsExactly(
            "UNKNOWN: InternalError no answer", "UNKNOWN: InternalError no answer", "APPLIED");
    assertThat(reconciler.lastFailure())
        .contains(
            new RouteReconciler.FailedChange(
                2, ON_CVM, ON_SCF, "UNKNOWN: InternalError no answer"));
  }

  @Test
  void aRestartAfterAnInterruptedPlanConvergesFromTheCloudNotThePlan() {
    journal.intent("demo", ON_SCF.toString(), "cvm DOWN");
    journal.step("demo", "SetSplit", "fake", ON_SCF.toString());
    cloud.routed = ON_CVM;
    RouteReconciler reconciler = reconciler(false);

    run(reconciler, 10, Verdict.UP, Verdict.UP);

    assertThat(reconciler.state()).hasValueSatisfying(s -> assertThat(s.split()).isEqualTo(ON_CVM));
    assertThat(cloud.writes).as("the half-done plan is not replayed").isEmpty();
  }

  @Test
  void whenTheCloudCannotBeReadAtStartTheLastIntentIsCompletedTowardABackendSeenUp() {
    journal.intent("demo", ON_SCF.toString(), "cvm DOWN");
    cloud.readFailures = 1;
    cloud.routed = new TrafficSplit(50, 50);
    cloud.uniform = false; // half done
    RouteReconciler reconciler = reconciler(false);

    run(reconciler, 5, Verdict.UNKNOWN, Verdict.UNKNOWN);
    assertThat(cloud.writes).as("not toward a backend no verdict has shown UP").isEmpty();
    run(reconciler, 2, Verdict.UNKNOWN, Verdict.UP);

    assertThat(reconciler.state()).hasValueSatisfying(s -> assertThat(s.split()).isEqualTo(ON_SCF));
    assertThat(cloud.writes).containsExactly(ON_SCF);
  }

  @Test
  void whenTheCloudCannotBeReadAtStartButThenReadsWholeTheCloudDecides() {
    journal.intent("demo", ON_SCF.toString(), "cvm DOWN");
    cloud.readFailures = 1;
    cloud.routed = ON_CVM;
    RouteReconciler reconciler = reconciler(false);

    run(reconciler, 10, Verdict.UP, Verdict.UP);

    assertThat(reconciler.state()).hasValueSatisfying(s -> assertThat(s.split()).isEqualTo(ON_CVM));
    assertThat(cloud.writes).as("an old intent is not replayed on a whole cloud").isEmpty();
  }

  @Test
  void whileWarmingAnUnevenSplitReadAtStartIsHeldNotRewritten() {
    journal.intent("demo", ON_SCF.toString(), "cvm DOWN");
    cloud.routed = new TrafficSplit(17, 83);
    cloud.uniform = false;
    RouteReconciler reconciler = reconciler(false);

    run(reconciler, 2, Verdict.UNKNOWN, Verdict.UNKNOWN);

    assertThat(reconciler.phase()).isEqualTo(Phase.WARMING);
    assertThat(cloud.writes).isEmpty();
  }

  @Test
  void aDryRunDecidesButNeverWrites() {
    RouteReconciler reconciler = reconciler(true);
    run(reconciler, 5, Verdict.UP, Verdict.UP);

    run(reconciler, 10, Verdict.DOWN, Verdict.UP);

    assertThat(reconciler.state()).hasValueSatisfying(s -> assertThat(s.split()).isEqualTo(ON_SCF));
    assertThat(cloud.writes).isEmpty();
    assertThat(journal.entries()).isEmpty();
  }

  @Test
  void aRouteLeftRoutingNothingIsRepairedByApplyingNotByReadingForever() {
    RouteReconciler reconciler = reconciler(false);
    run(reconciler, 5, Verdict.UP, Verdict.UP);
    // the switch is cut short and leaves a rule with nothing bound
    cloud.applyFailures.add(FakeActuator.unknown("InternalError"));
    cloud.readFailures = 1_000;
    cloud.readFailureCode = ActuationException.ROUTES_NOTHING;

    run(reconciler, 20, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).containsExactly(ON_SCF);
    assertThat(cloud.routed).isEqualTo(ON_SCF);
  }

  /** Up for 5 s, then CVM DOWN for 10 s: the demo fails over to SCF. */
  private RouteReconciler failedOver() {
    RouteReconciler reconciler = reconciler(false);
    run(reconciler, 5, Verdict.UP, Verdict.UP);
    run(reconciler, 10, Verdict.DOWN, Verdict.UP);
    assertThat(cloud.writes).containsExactly(ON_SCF);
    return reconciler;
  }

  @Test
  void aReapplyReReadsTheCloudThenReappliesTheAppliedSplitOnceAndJournalsIt() {
    RouteReconciler reconciler = failedOver();
    int readsBefore = cloud.reads;
    int intentsBefore = intents().size();

    reconciler.reapply("switched but not moved");
    run(reconciler, 3, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.reads - readsBefore).as("read afresh first").isEqualTo(1);
    assertThat(intents()).hasSize(intentsBefore + 1);
    assertThat(intents().getLast().field("desired")).isEqualTo(ON_SCF.toString());
    assertThat(intents().getLast().field("reason"))
        .isEqualTo("re-applying " + ON_SCF + ": switched but not moved");
    assertThat(cloud.writes).as("the cloud reads right: nothing to write").hasSize(1);
    run(reconciler, 10, Verdict.DOWN, Verdict.UP);
    assertThat(intents()).as("once").hasSize(intentsBefore + 1);
  }

  @Test
  void aReapplyWritesWhatTheFreshReadShowsMissing() {
    RouteReconciler reconciler = failedOver();
    cloud.uniform = false; // a piece of the routing drifted since the change

    reconciler.reapply("switched but not moved");
    run(reconciler, 3, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).containsExactly(ON_SCF, ON_SCF);
  }

  private List<JournalEntry> intents() {
    return journal.entries().stream().filter(e -> e.type() == JournalEntry.Type.INTENT).toList();
  }
}
