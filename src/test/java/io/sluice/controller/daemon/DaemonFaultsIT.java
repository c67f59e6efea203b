package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.Phase;
import io.sluice.policies.Verdict;
import io.sluice.sandbox.api.Fault;
import io.sluice.sandbox.dataplane.functions.FunctionFault;
import io.sluice.sandbox.scf.FunctionRef;
import io.sluice.testing.PausableNanos;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability faults 1-5, 8 and 12 (reference §2.5) against the running daemon: each test injects
 * the fault into the sandbox's control plane during a failover of shop from CVM to SCF, and asserts
 * the converged state (the rule holds the function alone, the DNS answers lb-scf alone), the
 * journal's story of it, and that no request window routed to nothing: the rule never held no
 * weighted target, no VIP request got the CLB's no-target 503, no DNS answer was empty.
 */
final class DaemonFaultsIT {
  private static final String TO_SCF = "cvm=0,scf=100";

  @TempDir Path stateDir;

  @Test
  void aTaskThatFailsIsReadBackAndRetried() throws Exception {
    try (FaultWorld world = FaultWorld.in(stateDir).start()) {
      List<JsonNode> journal =
          failOver(world, () -> world.sandbox().tasks().failNext("Task failed: injected."));
      assertThat(FaultWorld.outcomes(journal))
          .first()
          .asString()
          .startsWith("FAILED")
          .contains("TaskFailed");
    }
  }

  /**
   * The sandbox's clock stands still from before the failover until the journal says UNKNOWN, so
   * the first task is still running when the budget (on the daemon's own clock) runs out, however
   * slowly the machine runs; then the task completes and the failover converges from the cloud.
   */
  @Test
  void aTaskThatOutlivesItsBudgetIsUnknownThenConvergedFromTheCloud() throws Exception {
    PausableNanos sandboxClock = new PausableNanos();
    try (FaultWorld world =
        FaultWorld.in(stateDir)
            .sandboxClock(sandboxClock)
            .taskBudget(Duration.ofMillis(200))
            .start()) {
      List<JsonNode> journal =
          failOver(
              world,
              sandboxClock::pause,
              () -> {
                await()
                    .atMost(FaultWorld.FAILOVER_BOUND)
                    .until(() -> !FaultWorld.outcomes(world.journal()).isEmpty());
                assertThat(world.sandbox().tasks().busy(FaultWorld.LB))
                    .as("the task still runs when the outcome is written")
                    .isTrue();
                sandboxClock.resume();
              });
      assertThat(FaultWorld.outcomes(journal))
          .first()
          .asString()
          .startsWith("UNKNOWN")
          .contains("Budget");
    }
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            new Fault.ApiError(
                "FailedOperation.ResourceInOperating",
                "Your task is working. Pls wait for the task to complete."),
            2),
        Arguments.of(new Fault.ApiError("RequestLimitExceeded", "Your request is throttled."), 3));
  }

  /**
   * A busy load balancer and throttling are refusals: nothing was done, so the write is resent
   * after a pause within its step, and the first intent is applied. (Three throttled answers once
   * opened RegisterFunctionTargets' breaker and stalled the failover for its 30 s open time.)
   */
  @ParameterizedTest
  @MethodSource("refusals")
  void aRefusedWriteIsResentWithinItsStep(Fault.ApiError refusal, int times) throws Exception {
    try (FaultWorld world = FaultWorld.in(stateDir).start()) {
      List<JsonNode> journal =
          failOver(
              world,
              () -> world.sandbox().faults().times("RegisterFunctionTargets", refusal, times));
      assertThat(FaultWorld.outcomes(journal)).containsExactly("APPLIED");
      assertThat(world.sandbox().faults().take("RegisterFunctionTargets"))
          .as("every refusal was answered")
          .isEmpty();
    }
  }

  @Test
  void anHttp500IsAnUnknownOutcomeThatIsReadBackBeforeAnythingElse() throws Exception {
    try (FaultWorld world = FaultWorld.in(stateDir).start()) {
      List<JsonNode> journal =
          failOver(
              world,
              () -> world.sandbox().faults().once("DeregisterTargets", new Fault.HttpStatus(500)));
      assertThat(FaultWorld.outcomes(journal)).first().asString().startsWith("UNKNOWN");
      assertThat(failedCalls(world, "DeregisterTargets")).isEqualTo(1);
    }
  }

  @Test
  void malformedAnswersAreUnknownOutcomesThatAreReadBack() throws Exception {
    try (FaultWorld world = FaultWorld.in(stateDir).start()) {
      List<JsonNode> journal =
          failOver(
              world,
              () -> {
                world.sandbox().faults().once("DescribeTaskStatus", new Fault.MissingResponse());
                world.sandbox().faults().once("ModifyRecordFields", new Fault.MalformedJson());
              });
      assertThat(FaultWorld.outcomes(journal))
          .filteredOn(o -> o.startsWith("UNKNOWN"))
          .isNotEmpty();
      assertThat(failedCalls(world, "ModifyRecordFields")).isEqualTo(1);
    }
  }

  /**
   * The rule routes to CVM while the records answer the SCF CLB (a crash between the two actuators
   * left them so), and CVM is down from the start. While the failover is confirmed the policy still
   * says "all on CVM"; the records must not be turned toward the dead CVM meanwhile.
   */
  @Test
  void piecesThatDisagreeAtStartNeverTurnTowardTheDownBackend() throws Exception {
    try (FaultWorld world =
        FaultWorld.in(stateDir)
            .world(
                text ->
                    text.replace(
                            "{id: 2001, subDomain: shop, type: A, value: 127.0.0.1, ttl: 1, weight:"
                                + " 100}",
                            "{id: 2001, subDomain: shop, type: A, value: 127.0.0.1, ttl: 1, weight:"
                                + " 100, status: DISABLE}")
                        .replace("weight: 0, status: DISABLE}", "weight: 100}"))
            .config(text -> text.replace("confirmFor: 0s", "confirmFor: 3s"))
            .beforeDaemon(
                cloud -> {
                  cloud.sandbox().instances().stop("ins-shop0001");
                  cloud.sandbox().instances().stop("ins-shop0002");
                  cloud.sandbox().reconcileInstances();
                })
            .start()) {
      assertThat(world.cloud().dnsAnswer()).containsExactly("127.0.0.2");

      await().atMost(FaultWorld.CONVERGE_BOUND).until(world::onScf);

      assertThat(world.sandbox().mutations().entries())
          .as("no write turned the records toward the DOWN CVM")
          .noneMatch(
              m ->
                  m.parameters().getLong("RecordId", 0L) == 2001
                      && (m.action().equals("ModifyRecordFields")
                          || "ENABLE".equals(m.parameters().getString("Status"))));
      assertThat(FaultWorld.ofType(world.journal(), "INTENT"))
          .extracting(e -> e.at("/fields/desired").asText())
          .containsExactly("cvm=0,scf=100");
    }
  }

  @Test
  void bothBackendsDownHoldsTheLastGoodRoutingAndWritesNothing() throws Exception {
    try (FaultWorld world = FaultWorld.in(stateDir).start()) {
      world.awaitSteady();
      world
          .sandbox()
          .functions()
          .setFault(FunctionRef.DEFAULT_NAMESPACE, FaultWorld.FUNCTION, FunctionFault.FAIL);
      await().atMost(FaultWorld.FAILOVER_BOUND).until(() -> world.verdict("scf", "DOWN"));
      world.stopCvm();

      await()
          .atMost(FaultWorld.FAILOVER_BOUND)
          .until(() -> world.verdict("cvm", "DOWN") && world.phase() == Phase.BOTH_DOWN);
      // ten ticks in BOTH_DOWN: the routing stays where it was, and nothing is even intended
      await()
          .during(FaultWorld.TICK.multipliedBy(10))
          .atMost(FaultWorld.TICK.multipliedBy(30))
          .until(() -> world.phase() == Phase.BOTH_DOWN && world.onCvm());
      assertThat(FaultWorld.ofType(world.journal(), "INTENT")).isEmpty();
      assertThat(world.rulesRoutingNowhere()).isEmpty();
    }
  }

  @Test
  void aWallClockJumpIsCountedAndMovesNoTraffic() throws Exception {
    AtomicReference<Duration> jump = new AtomicReference<>(Duration.ZERO);
    Clock wall =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.now().plus(jump.get());
          }
        };
    try (FaultWorld world = FaultWorld.in(stateDir).wall(wall).start()) {
      world.awaitSteady();
      assertThat(world.counter(MeterNames.CLOCK_JUMPS)).isZero();

      jump.set(Duration.ofHours(1));
      await()
          .atMost(FaultWorld.TICK.multipliedBy(50))
          .until(() -> world.counter(MeterNames.CLOCK_JUMPS) == 1);
      jump.set(Duration.ofMinutes(-10));
      await()
          .atMost(FaultWorld.TICK.multipliedBy(50))
          .until(() -> world.counter(MeterNames.CLOCK_JUMPS) == 2);

      await()
          .during(FaultWorld.TICK.multipliedBy(10))
          .atMost(FaultWorld.TICK.multipliedBy(30))
          .until(() -> world.phase() == Phase.NORMAL && world.onCvm());
      assertThat(FaultWorld.ofType(world.journal(), "INTENT")).isEmpty();
    }
  }

  /**
   * The controller's own share of a failover: a verdict change is decided on when it happens, not
   * at the next tick. This test's listener hears of the DOWN after the tick loop's, in the same run
   * of the daemon's context, where no tick can come between: the decision to move shop to SCF must
   * already be made.
   */
  @Test
  void aVerdictChangeIsDecidedOnWithoutWaitingForTheTick() throws Exception {
    try (FaultWorld world = FaultWorld.in(stateDir).start()) {
      RouteReconciler shop = world.daemon().reconcilers().get("shop").getFirst();
      AtomicReference<Optional<Decision>> decidedAtDown = new AtomicReference<>();
      world
          .daemon()
          .context()
          .runOnContext(
              v ->
                  world
                      .daemon()
                      .monitor()
                      .subscribe(
                          change -> {
                            if (change.backend() == Backend.CVM && change.to() == Verdict.DOWN) {
                              decidedAtDown.compareAndSet(null, shop.lastDecision());
                            }
                          }));
      world.awaitSteady();

      world.stopCvm();
      await().atMost(FaultWorld.FAILOVER_BOUND).until(() -> decidedAtDown.get() != null);

      assertThat(decidedAtDown.get())
          .as("shop's decision when the DOWN was heard")
          .get()
          .isInstanceOfSatisfying(
              Decision.Shift.class, shift -> assertThat(shift.split()).hasToString(TO_SCF));
    }
  }

  /**
   * Arms the fault once shop is steady on CVM, stops both instances, and waits for the failover to
   * converge and the journal to close it; asserts what every fault test shares and returns the
   * journal.
   */
  private static List<JsonNode> failOver(FaultWorld world, Runnable fault) throws Exception {
    return failOver(world, fault, () -> {});
  }

  /** The same, running {@code meanwhile} once the instances are stopped. */
  private static List<JsonNode> failOver(FaultWorld world, Runnable fault, Runnable meanwhile)
      throws Exception {
    world.awaitSteady();
    assertThat(world.onCvm()).isTrue();
    fault.run();
    List<JsonNode> journal;
    try (TrafficSampler traffic = new TrafficSampler(world.cloud())) {
      world.stopCvm();
      meanwhile.run();
      await().atMost(FaultWorld.CONVERGE_BOUND).until(world::onScf);
      await()
          .atMost(FaultWorld.CONVERGE_BOUND)
          .until(() -> FaultWorld.outcomes(world.journal()).contains("APPLIED"));
      await()
          .atMost(FaultWorld.FAILOVER_BOUND)
          .until(() -> traffic.samples().size() > 0 && traffic.samples().getLast().equals("scf"));
      traffic.close();
      assertThat(traffic.counts()).doesNotContainKeys("no-target", "no-answer").containsKey("scf");
      assertThat(traffic.emptyDnsAnswers()).isEmpty();
      journal = world.journal();
    }
    assertThat(world.rulesRoutingNowhere()).isEmpty();
    assertThat(world.onScf()).isTrue();

    List<JsonNode> intents = FaultWorld.ofType(journal, "INTENT");
    assertThat(intents).isNotEmpty();
    assertThat(intents)
        .allSatisfy(i -> assertThat(i.at("/fields/desired").asText()).isEqualTo(TO_SCF));
    List<JsonNode> done = FaultWorld.ofType(journal, "STEP_DONE");
    assertThat(done)
        .filteredOn(d -> d.at("/fields/outcome").asText().equals("APPLIED"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.at("/fields/requestId").asText()).isNotBlank());
    assertThat(FaultWorld.outcomes(journal)).last().isEqualTo("APPLIED");
    return journal;
  }

  private static long failedCalls(FaultWorld world, String action) {
    return world
        .daemon()
        .registry()
        .find(MeterNames.CLOUD_CALL)
        .tags(MeterNames.TAG_ACTION, action, MeterNames.TAG_OUTCOME, "failure")
        .timers()
        .stream()
        .mapToLong(Timer::count)
        .sum();
  }
}
