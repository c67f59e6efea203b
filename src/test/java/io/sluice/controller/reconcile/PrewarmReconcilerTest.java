package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.cloud.FunctionRef;
import io.sluice.controller.actuate.scf.PrewarmOutcome;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.reconcile.PrewarmStatus.State;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile loop with an SCF pre-warm, on a fake clock with an in-memory actuator and a fake
 * prewarmer: the sandbox demo's failover service (CVM primary, confirmFor 5s, failback after 60s in
 * steps of 10, 50 and 100 every 30s) with version 1 of its function pre-warmed to 5 instances,
 * waited for at most 45s, released after 2m without SCF traffic.
 */
final class PrewarmReconcilerTest {
  private static final Instant WALL = Instant.parse("2026-11-24T08:00:00Z");
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);
  private static final FunctionRef FUNCTION = new FunctionRef("default", "demo-fallback", "1");
  private static final Duration WAIT_FOR = Duration.ofSeconds(45);
  private static final Duration STEP_EVERY = Duration.ofSeconds(30);

  @TempDir Path stateDir;
  private IntentJournal journal;
  private long nanos = Long.MAX_VALUE - Duration.ofMinutes(5).toNanos();
  private long round;
  private final FakeActuator cloud = new FakeActuator(ON_CVM);
  private final FakePrewarmer prewarmer = new FakePrewarmer();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private RouteReconciler reconciler;
  private final List<RouteChange> audited = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    start();
  }

  /** A reconciler as the daemon builds it at start, on the journal of the state directory. */
  private void start() throws Exception {
    journal = IntentJournal.open(stateDir, Clock.fixed(WALL, ZoneOffset.UTC));
    String yaml =
        Files.readString(Path.of("examples", "sandbox-demo.yaml"))
            .replace(
                "        function: { name: demo-fallback }",
                "        function: { name: demo-fallback, qualifier: \"1\" }\n"
                    + "        prewarm: { provisionedConcurrency: 5, releaseAfter: 2m, waitFor: 45s }");
    SluiceConfig config = new ConfigLoader(name -> null).parse("sandbox-demo.yaml", yaml);
    ServiceConfig service = config.services().getFirst();
    reconciler =
        new RouteReconciler(
            "demo",
            service.routes(false).getFirst(),
            List.of(cloud),
            journal,
            meters,
            false,
            () -> nanos,
            PrewarmTarget.of(service.backends().scf(), prewarmer));
    reconciler.onChange(audited::add);
  }

  @AfterEach
  void tearDown() throws Exception {
    journal.close();
  }

  private void run(int seconds, Verdict cvm, Verdict scf) {
    for (int i = 0; i < seconds; i++) {
      reconciler.tick(
          new HealthSnapshot(cvm, scf, ++round, OptionalDouble.empty(), WALL), Overrides.NONE);
      nanos += Duration.ofSeconds(1).toNanos();
    }
  }

  /** Up for 5 s, then CVM DOWN until the failover is decided and its pre-warm asked for. */
  private void failOverUntilThePrewarmStarts() {
    run(5, Verdict.UP, Verdict.UP);
    for (int i = 0; i < 30 && prewarmer.prewarms.isEmpty(); i++) {
      run(1, Verdict.DOWN, Verdict.UP);
    }
    assertThat(prewarmer.prewarms).containsExactly(new FakePrewarmer.Asked(FUNCTION, 5, WAIT_FOR));
  }

  private double prewarmCount(String outcome) {
    var counter = meters.find(MeterNames.PREWARM).tag(MeterNames.TAG_OUTCOME, outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void holdsTheFailoverUntilThePrewarmIsReady() {
    failOverUntilThePrewarmStarts();

    run(20, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).as("no move to SCF while it warms").isEmpty();
    assertThat(reconciler.prewarm())
        .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(State.WARMING));

    prewarmer.answer(PrewarmOutcome.Result.READY, "status Done, 5/5");
    run(2, Verdict.DOWN, Verdict.UP); // one tick may go to the periodic re-read

    assertThat(cloud.writes).containsExactly(ON_SCF);
    assertThat(reconciler.prewarm())
        .hasValue(new PrewarmStatus(State.READY, FUNCTION.toString(), "status Done, 5/5"));
    assertThat(prewarmCount("ready")).isEqualTo(1);
    assertThat(audited)
        .as("the pre-warm's write is audited with its RequestId, like a change's")
        .anySatisfy(
            change ->
                assertThat(change.steps())
                    .extracting(RouteChange.Step::action, RouteChange.Step::requestId)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FakePrewarmer.PUT, "prewarm-1")));
  }

  @Test
  void aPrewarmThatNeverCompletesIsReportedAndTheFailoverProceedsInStepsWhenWaitForRunsOut() {
    failOverUntilThePrewarmStarts();
    long asked = nanos - Duration.ofSeconds(1).toNanos();

    while (nanos - asked < WAIT_FOR.toNanos()) {
      run(1, Verdict.DOWN, Verdict.UP);
    }
    assertThat(cloud.writes).as("held for the whole of prewarm.waitFor").isEmpty();
    // The next tick that may apply (one may be spent on the periodic re-read) moves.
    for (int i = 0; i < 2 && cloud.writes.isEmpty(); i++) {
      run(1, Verdict.DOWN, Verdict.UP);
    }
    long firstStep = nanos;

    assertThat(cloud.writes)
        .as("then the first step of the failback steps, the other way")
        .containsExactly(TrafficSplit.of(Backend.SCF, 10));
    assertThat(reconciler.prewarm())
        .hasValueSatisfying(
            s -> {
              assertThat(s.state()).isEqualTo(State.COLD);
              assertThat(s.detail()).contains("not ready within 45s");
            });
    assertThat(prewarmCount("timed_out")).isEqualTo(1);

    for (int i = 0; i < 2 * STEP_EVERY.toSeconds() && cloud.writes.size() < 2; i++) {
      run(1, Verdict.DOWN, Verdict.UP);
    }
    assertThat(nanos - firstStep)
        .as("the next step no sooner than failback.stepEvery")
        .isGreaterThanOrEqualTo(STEP_EVERY.toNanos());
    run((int) STEP_EVERY.toSeconds() + 2, Verdict.DOWN, Verdict.UP);
    assertThat(cloud.writes)
        .containsExactly(
            TrafficSplit.of(Backend.SCF, 10), TrafficSplit.of(Backend.SCF, 50), ON_SCF);
    assertThat(reconciler.state().orElseThrow().split()).isEqualTo(ON_SCF);

    // A late answer of the expired attempt changes nothing.
    prewarmer.answer(PrewarmOutcome.Result.READY, "status Done, 5/5");
    assertThat(reconciler.prewarm().orElseThrow().state()).isEqualTo(State.COLD);
    run((int) STEP_EVERY.multipliedBy(2).toSeconds(), Verdict.DOWN, Verdict.UP);
    assertThat(cloud.writes).as("converged: nothing more to write").hasSize(3);
  }

  @Test
  void aRefusedPrewarmLetsTheFailoverStartItsStepsAtOnce() {
    failOverUntilThePrewarmStarts();

    prewarmer.answer(
        PrewarmOutcome.Result.FAILED, "LimitExceeded.FunctionTotalProvisionedConcurrencyNum");
    run(1, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).containsExactly(TrafficSplit.of(Backend.SCF, 10));
    assertThat(reconciler.prewarm().orElseThrow().state()).isEqualTo(State.COLD);
    assertThat(prewarmCount("failed")).isEqualTo(1);
  }

  @Test
  void releasesThePrewarmOnlyAfterTheFailbackHasHeldForReleaseAfter() {
    failOverUntilThePrewarmStarts();
    prewarmer.answer(PrewarmOutcome.Result.READY, "status Done, 5/5");
    run(2, Verdict.DOWN, Verdict.UP);
    assertThat(cloud.writes).containsExactly(ON_SCF);

    long backOnCvm = 0;
    for (int i = 0; i < 600 && prewarmer.releases.isEmpty(); i++) {
      run(1, Verdict.UP, Verdict.UP);
      if (backOnCvm == 0 && cloud.routed.equals(ON_CVM)) {
        backOnCvm = nanos;
      }
    }

    assertThat(cloud.writes.getLast()).isEqualTo(ON_CVM);
    assertThat(prewarmer.releases).containsExactly(FUNCTION);
    assertThat(nanos - backOnCvm)
        .as("released no sooner than releaseAfter after the last SCF traffic")
        .isGreaterThanOrEqualTo(Duration.ofMinutes(2).toNanos());
    assertThat(reconciler.prewarm())
        .hasValue(new PrewarmStatus(State.IDLE, FUNCTION.toString(), "released"));
    assertThat(prewarmCount("released")).isEqualTo(1);
  }

  @Test
  void aPrewarmLeftByAKilledRunIsReleasedOnceTheRestartedRunHasKeptScfIdleForReleaseAfter()
      throws Exception {
    journal.close();
    prewarmer.left =
        Optional.of(new PrewarmOutcome(PrewarmOutcome.Result.READY, "status Done, 5/5"));
    start();

    long started = nanos;
    for (int i = 0; i < 600 && prewarmer.releases.isEmpty(); i++) {
      run(1, Verdict.UP, Verdict.UP);
    }

    assertThat(prewarmer.releases).containsExactly(FUNCTION);
    assertThat(nanos - started)
        .as("released no sooner than releaseAfter after the start on CVM")
        .isGreaterThanOrEqualTo(Duration.ofMinutes(2).toNanos())
        .isLessThan(Duration.ofMinutes(2).plusSeconds(5).toNanos());
    assertThat(prewarmer.prewarms).as("nothing asked for again").isEmpty();
    assertThat(cloud.writes).isEmpty();
    assertThat(prewarmCount("released")).isEqualTo(1);
  }

  @Test
  void withoutALeftOverPrewarmARestartReleasesNothing() {
    run(600, Verdict.UP, Verdict.UP);

    assertThat(prewarmer.releases).isEmpty();
    assertThat(reconciler.prewarm().orElseThrow().state()).isEqualTo(State.IDLE);
  }
}
