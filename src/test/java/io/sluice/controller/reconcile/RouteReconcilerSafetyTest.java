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
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.sluice.testing.DemoConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reconciler guarantees below the policy, for a route of two pieces (say a CLB rule and a
 * DNS record pair) on a fake clock: no write raises a DOWN backend's share even when the pieces
 * disagree, a piece that routes to nothing is repaired first, a change a killed run left half done
 * is audited and completed as what it is, and failing writes back off and escalate.
 */
final class RouteReconcilerSafetyTest {
  private static final Instant WALL = Instant.parse("2026-11-24T08:00:00Z");
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);

  @TempDir Path stateDir;
  private IntentJournal journal;
  private long nanos = -Duration.ofMinutes(5).toNanos();
  private long round;
  private RouteSettings route;
  private final FakeActuator rule = new FakeActuator(ON_CVM);
  private final FakeActuator records = new FakeActuator(ON_CVM);
  private final List<RouteChange> audited = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    journal = IntentJournal.open(stateDir, Clock.fixed(WALL, ZoneOffset.UTC));
    route = DemoConfig.route();
  }

  @AfterEach
  void tearDown() throws Exception {
    journal.close();
  }

  private RouteReconciler reconciler() {
    RouteReconciler reconciler =
        new RouteReconciler(
            "demo",
            route,
            List.of(rule, records),
            journal,
            new SimpleMeterRegistry(),
            false,
            () -> nanos);
    reconciler.onChange(audited::add);
    return reconciler;
  }

  private void run(RouteReconciler reconciler, int seconds, Verdict cvm, Verdict scf) {
    for (int i = 0; i < seconds; i++) {
      reconciler.tick(
          new HealthSnapshot(cvm, scf, ++round, OptionalDouble.empty(), WALL), Overrides.NONE);
      nanos += Duration.ofSeconds(1).toNanos();
    }
  }

  @Test
  void piecesThatDisagreeNeverGiveTheDownBackendMoreWhileAFailoverIsConfirmed() {
    // a crash mid-failback left the rule on CVM and the records on SCF; then CVM stops
    records.routed = ON_SCF;
    RouteReconciler reconciler = reconciler();

    run(reconciler, 20, Verdict.DOWN, Verdict.UP);

    assertThat(records.writes).as("the records never turned toward the DOWN CVM").isEmpty();
    assertThat(rule.writes).containsExactly(ON_SCF);
    assertThat(rule.routed).isEqualTo(ON_SCF);
    assertThat(records.routed).isEqualTo(ON_SCF);
  }

  @Test
  void aPieceRoutingNothingAtStartIsRepairedFirstTowardTheBackendThatIsUp() {
    journal.intent("demo", ON_CVM.toString(), "failback-step");
    journal.step("demo", "DeregisterFunctionTargets", "rule", "fn");
    rule.readFailures = 1;
    rule.readFailureCode = ActuationException.ROUTES_NOTHING;
    records.routed = ON_SCF;
    RouteReconciler reconciler = reconciler();

    run(reconciler, 1, Verdict.UNKNOWN, Verdict.UNKNOWN);
    run(reconciler, 1, Verdict.DOWN, Verdict.UP);

    assertThat(rule.writes)
        .as("the rule gets a target on the second tick, long before the warm-up ends")
        .containsExactly(ON_SCF);
    assertThat(records.writes).isEmpty();
    assertThat(intents().getLast().field("reason")).startsWith("repairing first:");
  }

  @Test
  void aPieceLeftRoutingNothingByAFailedWriteIsRepairedWithinSecondsOfTheCloudAnswering() {
    RouteReconciler reconciler = reconciler();
    run(reconciler, 5, Verdict.UP, Verdict.UP);
    // the failover's write fails half done and leaves the rule with nothing; the cloud then
    // refuses every write for a while
    for (int i = 0; i < 6; i++) {
      rule.applyFailures.add(FakeActuator.unknown("InternalError"));
    }
    rule.readFailures = 1_000;
    rule.readFailureCode = ActuationException.ROUTES_NOTHING;

    List<Long> attempts = new ArrayList<>();
    for (int second = 0; second < 60 && !ON_SCF.equals(rule.routed); second++) {
      int before = rule.attempts;
      run(reconciler, 1, Verdict.DOWN, Verdict.UP);
      if (rule.attempts > before) {
        attempts.add(nanos);
      }
    }

    assertThat(rule.routed).isEqualTo(ON_SCF);
    assertThat(attempts).hasSize(7);
    for (int i = 1; i < attempts.size(); i++) {
      assertThat(Duration.ofNanos(attempts.get(i) - attempts.get(i - 1)))
          .as("attempt %d waits at most the urgent back-off, a tick late", i)
          .isLessThanOrEqualTo(Backoff.URGENT_MAX.plusSeconds(1));
    }
  }

  @Test
  void aChangeAKilledRunLeftHalfDoneIsAuditedThenCompletedAsWhatItIs() {
    journal.intent("demo", ON_SCF.toString(), "failover: the primary is DOWN");
    journal.step("demo", "DeregisterTargets", "lb-1/lbl-1/loc-1", "ins-1:80");
    journal.stepDone("demo", "DeregisterTargets", "lb-1/lbl-1/loc-1", "req-1", "APPLIED");
    journal.step("demo", "RegisterFunctionTargets", "lb-1/lbl-1/loc-1", "fn weight=100");
    rule.routed = ON_SCF;
    records.routed = ON_CVM;
    RouteReconciler reconciler = reconciler();

    run(reconciler, 3, Verdict.UNKNOWN, Verdict.UNKNOWN);
    assertThat(records.writes).as("not before SCF has been seen UP").isEmpty();
    run(reconciler, 1, Verdict.UNKNOWN, Verdict.UP);

    RouteChange interrupted = audited.getFirst();
    assertThat(interrupted.outcome()).startsWith("INTERRUPTED");
    assertThat(interrupted.steps())
        .extracting(RouteChange.Step::action, RouteChange.Step::requestId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("DeregisterTargets", "req-1"),
            org.assertj.core.groups.Tuple.tuple("RegisterFunctionTargets", ""));
    assertThat(interrupted.steps().get(1).outcome()).startsWith("UNKNOWN");
    assertThat(records.writes).containsExactly(ON_SCF);
    assertThat(intents().getLast().field("reason"))
        .startsWith("resuming the change to " + ON_SCF + " that the previous run left unfinished");
    assertThat(reconciler.state()).hasValueSatisfying(s -> assertThat(s.split()).isEqualTo(ON_SCF));

    RouteReconciler again = reconciler();
    audited.clear();
    run(again, 3, Verdict.UNKNOWN, Verdict.UNKNOWN);
    assertThat(audited).as("the interrupted change is audited once").isEmpty();
  }

  @Test
  void aWriteThatKeepsFailingBacksOffLongerEachTimeAndIsEscalated() {
    RouteReconciler reconciler = reconciler();
    run(reconciler, 5, Verdict.UP, Verdict.UP);
    for (int i = 0; i < 100; i++) {
      records.applyFailures.add(
          new ActuationException(
              ActuationException.Outcome.FAILED,
              "Sluice.TaskFailed",
              "task 1 failed",
              List.of(),
              null));
    }

    run(reconciler, 120, Verdict.UP, Verdict.DOWN);
    // SCF is DOWN but traffic is on CVM: nothing to do
    assertThat(records.attempts).isZero();
    records.routed = ON_SCF; // a person moved the records by hand; the policy wants them back
    run(reconciler, 120, Verdict.UP, Verdict.UP);

    assertThat(records.attempts)
        .as("1, 2, 4, 8, 16, 32, 60 s apart: not every second or two")
        .isBetween(5, 8);
    assertThat(reconciler.escalation())
        .hasValueSatisfying(e -> assertThat(e).contains("attempts in a row failed"));
    records.applyFailures.clear();
    run(reconciler, 61, Verdict.UP, Verdict.UP);
    assertThat(records.routed).isEqualTo(ON_CVM);
    assertThat(reconciler.escalation()).isEmpty();
  }

  @Test
  void aFailoverThatComesUpDuringALongBackOffIsTriedWithinTheUrgentPause() {
    RouteReconciler reconciler = reconciler();
    run(reconciler, 5, Verdict.UP, Verdict.UP);
    records.routed = ON_SCF; // the records drifted; putting them back is not urgent
    for (int i = 0; i < 100; i++) {
      records.applyFailures.add(
          new ActuationException(
              ActuationException.Outcome.FAILED,
              "Sluice.TaskFailed",
              "task failed",
              List.of(),
              null));
    }
    run(reconciler, 100, Verdict.UP, Verdict.UP);
    assertThat(reconciler.escalation()).as("the back-off has grown long").isPresent();
    records.applyFailures.clear();
    int attempts = rule.attempts;

    // CVM fails: the policy wants everything on SCF, which the rule must now take at once
    long downAt = nanos;
    for (int second = 0; second < 120 && rule.attempts == attempts; second++) {
      run(reconciler, 1, Verdict.DOWN, Verdict.UP);
    }

    assertThat(rule.attempts).isGreaterThan(attempts);
    assertThat(Duration.ofNanos(nanos - downAt))
        .as("confirmFor, then at most the urgent pause and a read, a tick each")
        .isLessThanOrEqualTo(
            Duration.ofSeconds(5).plus(Backoff.URGENT_MAX).plus(Duration.ofSeconds(3)));
  }

  @Test
  void aChangeThatNeverEndsIsEscalatedAfterFiveMinutes() {
    RouteReconciler reconciler = reconciler();
    run(reconciler, 5, Verdict.UP, Verdict.UP);
    rule.hangs = true;

    run(reconciler, 10, Verdict.DOWN, Verdict.UP);
    assertThat(reconciler.busy()).isTrue();
    assertThat(reconciler.escalation()).isEmpty();
    run(reconciler, (int) RouteReconciler.STUCK_AFTER.toSeconds(), Verdict.DOWN, Verdict.UP);

    assertThat(reconciler.escalation())
        .hasValueSatisfying(e -> assertThat(e).contains("APPLYING for").contains("not answered"));
  }

  @Test
  void aChangeWhoseAuditEntryWasNotWrittenStaysOpenUntilTheNextStartAuditsIt() {
    RouteReconciler reconciler = reconciler();
    reconciler.auditTo(
        change -> io.vertx.core.Future.failedFuture(new java.io.IOException("full")));
    run(reconciler, 5, Verdict.UP, Verdict.UP);

    run(reconciler, 10, Verdict.DOWN, Verdict.UP);
    assertThat(rule.writes).containsExactly(ON_SCF);
    assertThat(journal.entries().getLast().type())
        .as("no outcome closes a change the audit trail does not have")
        .isNotEqualTo(JournalEntry.Type.OUTCOME);

    RouteReconciler restarted = reconciler();
    run(restarted, 2, Verdict.DOWN, Verdict.UP);
    assertThat(audited)
        .anySatisfy(
            change -> {
              assertThat(change.outcome()).startsWith("INTERRUPTED");
              assertThat(change.steps()).isNotEmpty();
            });
  }

  private List<JournalEntry> intents() {
    return journal.entries().stream().filter(e -> e.type() == JournalEntry.Type.INTENT).toList();
  }
}
