package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.actuate.scf.PrewarmOutcome;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.reconcile.PrewarmStatus.State;
import io.sluice.health.meters.MeterNames;
import io.sluice.health.signal.FunctionRef;
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
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile loop with an SCF pre-warm, on a fake clock with an in-memory actuator and a fake
 * prewarmer: the sandbox demo's failover service (CVM primary, confirmFor 5s, failback after 60s in
 * steps of 10, 50 and 100 every 30s) with version 1 of its function pre-warmed to 5 instances,
 * released after 2m without SCF traffic.
 */
final class PrewarmReconcilerTest {
  private static final Instant WALL = Instant.parse("2026-11-24T08:00:00Z");
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);
  private static final FunctionRef FUNCTION = new FunctionRef("default", "demo-fallback", "1");

  @TempDir Path stateDir;
  private IntentJournal journal;
  private long nanos = Long.MAX_VALUE - Duration.ofMinutes(5).toNanos();
  private long round;
  private final FakeActuator cloud = new FakeActuator(ON_CVM);
  private final FakePrewarmer prewarmer = new FakePrewarmer();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private RouteReconciler reconciler;

  @BeforeEach
  void setUp() throws Exception {
    journal = IntentJournal.open(stateDir, Clock.fixed(WALL, ZoneOffset.UTC));
    String yaml =
        Files.readString(Path.of("examples", "sandbox-demo.yaml"))
            .replace(
                "        function: { name: demo-fallback }",
                "        function: { name: demo-fallback, qualifier: \"1\" }\n"
                    + "        prewarm: { provisionedConcurrency: 5, releaseAfter: 2m }");
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
    assertThat(prewarmer.prewarms)
        .containsExactly(new FakePrewarmer.Asked(FUNCTION, 5, PrewarmGate.BUDGET));
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
  }

  @Test
  void aPrewarmThatNeverCompletesIsReportedAndTheFailoverProceedsWhenTheBudgetRunsOut() {
    failOverUntilThePrewarmStarts();
    long asked = nanos - Duration.ofSeconds(1).toNanos();

    while (nanos - asked < PrewarmGate.BUDGET.toNanos()) {
      run(1, Verdict.DOWN, Verdict.UP);
    }
    assertThat(cloud.writes).as("held for the whole budget").isEmpty();
    // The next tick that may apply (one may be spent on the periodic re-read) moves.
    run(2, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).as("then moved, cold").containsExactly(ON_SCF);
    assertThat(reconciler.prewarm())
        .hasValueSatisfying(
            s -> {
              assertThat(s.state()).isEqualTo(State.COLD);
              assertThat(s.detail()).contains("not ready within 60 s");
            });
    assertThat(prewarmCount("timed_out")).isEqualTo(1);
    // A late answer of the expired attempt changes nothing.
    prewarmer.answer(PrewarmOutcome.Result.READY, "status Done, 5/5");
    assertThat(reconciler.prewarm().orElseThrow().state()).isEqualTo(State.COLD);
  }

  @Test
  void aRefusedPrewarmLetsTheFailoverGoAheadAtOnce() {
    failOverUntilThePrewarmStarts();

    prewarmer.answer(
        PrewarmOutcome.Result.FAILED, "LimitExceeded.FunctionTotalProvisionedConcurrencyNum");
    run(1, Verdict.DOWN, Verdict.UP);

    assertThat(cloud.writes).containsExactly(ON_SCF);
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
}
