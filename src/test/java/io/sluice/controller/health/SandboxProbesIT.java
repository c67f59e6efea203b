package io.sluice.controller.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.BackendHealth;
import io.sluice.health.DownReason;
import io.sluice.health.Evidence;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.monitor.VerdictChange;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.sluice.sandbox.dataplane.functions.FunctionCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4's acceptance against the sandbox: the probes of a real Sluice config, aimed at the CLB
 * VIPs with the service's Host header, see CVM instances that are stopped, hung or answering 5xx
 * DOWN within fall x interval + timeout and UP again within rise x interval + timeout, and a
 * function returning malformed output DOWN, each time leaving the other backend UP. The bounds come
 * from the loaded config ({@link VerdictBounds}).
 *
 * <p>One world serves the whole class (it starts Python workers); each test starts from a healthy
 * world with both backends UP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SandboxProbesIT {
  private static final Path MALFORMED_CODE =
      Path.of("src/test/resources/functions/malformed-output");
  // the first probes also pay for class loading, the first connections and a Python cold start
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(15);

  private ProbedSandbox world;

  @BeforeAll
  void start() throws Exception {
    world = new ProbedSandbox();
  }

  @AfterAll
  void stop() throws Exception {
    world.close();
  }

  @BeforeEach
  void healthyWorld() {
    world.restore(HEALTHY_WITHIN);
  }

  @Test
  void stoppedInstancesReadDownWithinFallAndUpWithinRiseOfTheirStart() throws Exception {
    // the CLB still forwards to them (fail-open) and answers 502 for the refused connections
    goesDown(
        Backend.CVM,
        () -> onEveryInstance(world.sandbox.instances()::stop),
        DownReason.UNEXPECTED_STATUS,
        "status 502");

    comesUp(Backend.CVM, () -> onEveryInstance(world.sandbox.instances()::start));
  }

  @Test
  void hungInstancesReadDownOnReadTimeoutsAndUpOnceTheyAnswerAgain() throws Exception {
    ProbeWatch cvm = world.probe(Backend.CVM);
    goesDown(
        Backend.CVM,
        () -> onEveryInstance(world.sandbox.instances()::hang),
        DownReason.READ_TIMEOUT,
        "within " + cvm.spec().timeout().toMillis() + " ms");
    // A hang that lasts keeps the backend DOWN. Each probe it times out leaves the CLB a request
    // whose client has gone: the CLB must let go of those, or the healed instances stay out of
    // reach behind them for its whole response timeout.
    Duration hold = cvm.spec().interval().multipliedBy(10);
    await()
        .during(hold)
        .atMost(hold.plusSeconds(1))
        .until(() -> world.verdict(Backend.CVM) == Verdict.DOWN);

    comesUp(Backend.CVM, () -> onEveryInstance(world.sandbox.instances()::heal));
  }

  @Test
  void instancesAnswering5xxReadDownOnTheirStatusAndUpOnceHealed() throws Exception {
    goesDown(
        Backend.CVM,
        () -> onEveryInstance(id -> world.sandbox.instances().breakWith(id, 503)),
        DownReason.UNEXPECTED_STATUS,
        "status 503");

    comesUp(Backend.CVM, () -> onEveryInstance(world.sandbox.instances()::heal));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"index.no_status_code", "index.plain_text"})
  void aFunctionReturningMalformedOutputReadsScfDownAndLeavesCvmUp(String handler)
      throws Exception {
    // CLB cannot parse the answer and replies 403 "Analyse scf response failed" itself
    goesDown(
        Backend.SCF,
        () -> world.deployFunction(new FunctionCode.Python(MALFORMED_CODE, handler)),
        DownReason.UNEXPECTED_STATUS,
        "status 403");

    comesUp(Backend.SCF, () -> world.deployFunction(world.originalFunction()));
  }

  /** Applies {@code change} to every CVM instance behind the rule, and at once to their servers. */
  private void onEveryInstance(Consumer<String> change) {
    world.instances().forEach(change);
    // a stopped instance's server closes (and a started one opens) when the fleet is reconciled
    world.sandbox.reconcileInstances();
  }

  /**
   * After {@code fault}, expects {@code backend} DOWN within the fall bound, and its evidence to
   * name {@code reason}.
   */
  private void goesDown(Backend backend, Runnable fault, DownReason reason, String detail) {
    ProbeWatch probe = world.probe(backend);
    VerdictBounds bounds = new VerdictBounds(probe);
    fault.run();

    VerdictChange down = world.awaitChange(backend, Verdict.DOWN, bounds.toDown());
    assertCountedDown(down, probe);
    // At once for the instances; new function code starts cold, which can time the first probes
    // out (down all the same) before the function's own answers come.
    await()
        .atMost(bounds.toDown())
        .untilAsserted(() -> assertLatestDown(world.health(backend), probe, reason, detail));
  }

  /**
   * After {@code repair}, expects {@code backend} UP within the rise bound; the other backend must
   * have stayed UP all along.
   */
  private void comesUp(Backend backend, Runnable repair) throws Exception {
    repair.run();
    VerdictChange up =
        world.awaitChange(backend, Verdict.UP, new VerdictBounds(world.probe(backend)).toUp());
    assertThat(up.from()).isEqualTo(Verdict.DOWN);
    Backend other = backend == Backend.CVM ? Backend.SCF : Backend.CVM;
    assertThat(world.changesOf(other)).isEmpty();
    assertThat(world.verdict(other)).isEqualTo(Verdict.UP);
  }

  /** The change went from UP to DOWN on the probe's last {@code fall} results, all failures. */
  private static void assertCountedDown(VerdictChange change, ProbeWatch probe) {
    assertThat(change.from()).isEqualTo(Verdict.UP);
    assertThat(change.health().summary())
        .startsWith(ProbedSandbox.SERVICE + "/" + change.backend().id() + " DOWN");
    List<ProbeOutcome> conclusive = conclusiveResults(change.health(), probe.name());
    int fall = probe.thresholds().fall();
    assertThat(conclusive).hasSizeGreaterThanOrEqualTo(fall);
    assertThat(conclusive.subList(conclusive.size() - fall, conclusive.size()))
        .allSatisfy(o -> assertThat(o).isInstanceOf(ProbeOutcome.Down.class));
  }

  /** The backend is DOWN and its probe's latest result is a failure for {@code reason}. */
  private static void assertLatestDown(
      BackendHealth health, ProbeWatch probe, DownReason reason, String detail) {
    assertThat(health.verdict()).isEqualTo(Verdict.DOWN);
    assertThat(conclusiveResults(health, probe.name()).getLast())
        .as(health.summary())
        .isInstanceOfSatisfying(
            ProbeOutcome.Down.class,
            last -> {
              assertThat(last.reason()).isEqualTo(reason);
              assertThat(last.detail()).contains(detail);
            });
  }

  /** The results of the backend's one check, oldest first, without the Inconclusive ones. */
  private static List<ProbeOutcome> conclusiveResults(BackendHealth health, String check) {
    assertThat(health.evidence()).hasSize(1);
    Evidence evidence = health.evidence().getFirst();
    assertThat(evidence.check()).isEqualTo(check);
    return evidence.recent().stream()
        .map(ProbeResult::outcome)
        .filter(o -> !(o instanceof ProbeOutcome.Inconclusive))
        .toList();
  }
}
