package io.sluice.controller.health;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.health.BackendHealth;
import io.sluice.health.Evidence;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.monitor.VerdictChange;
import io.sluice.health.monitor.Watchlist;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.dataplane.functions.FunctionCode;
import io.sluice.sandbox.dataplane.functions.FunctionSpec;
import io.sluice.sandbox.dataplane.routing.FunctionRef;
import io.sluice.sandbox.scenario.SandboxScenario;
import io.sluice.sandbox.scenario.ScenarioLoader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The probe world running: the sandbox of {@code sandbox/probe-world.yaml}, and a health monitor
 * watching what the Sluice config {@code config/sandbox-probes.yaml}, aimed at the sandbox's VIPs,
 * maps to through {@link ConfigLoader} and {@link HealthWatchlist}. Every verdict change is
 * recorded.
 */
final class ProbedSandbox implements AutoCloseable {
  static final String SERVICE = "shop";

  private static final Path SCENARIO = Path.of("src/test/resources/sandbox/probe-world.yaml");
  private static final Path CONFIG = Path.of("src/test/resources/config/sandbox-probes.yaml");
  private static final FunctionRef FUNCTION =
      new FunctionRef("default", "shop-fallback", "$LATEST");

  final Sandbox sandbox;
  final Queue<VerdictChange> changes = new ConcurrentLinkedQueue<>();
  private final Watchlist watchlist;
  private final FunctionSpec deployed;
  private final Vertx vertx;
  private final HealthMonitor monitor;

  ProbedSandbox() throws Exception {
    sandbox = Sandbox.start(ScenarioLoader.load(SCENARIO), SCENARIO.getParent());
    try {
      vertx = Vertx.vertx();
      // the VIP ports are only known now, so they reach the config as environment variables
      Map<String, String> env =
          Map.of(
              "CVM_VIP_PORT", port("lb-shopcvm1", "lbl-shopcvm1"),
              "SCF_VIP_PORT", port("lb-shopscf1", "lbl-shopscf1"));
      SluiceConfig config = new ConfigLoader(env::get).load(CONFIG);
      watchlist = HealthWatchlist.from(config);
      deployed = sandbox.functions().function(FUNCTION).orElseThrow();
      monitor =
          new HealthMonitor(
              watchlist,
              vertx.getOrCreateContext(),
              System::nanoTime,
              Clock.systemUTC(),
              HealthWatchlist.localVantage(config));
      monitor.subscribe(changes::add);
      monitor.start();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** The one probe the config gives {@code backend}. */
  ProbeWatch probe(Backend backend) {
    return watchlist.services().get(SERVICE).get(backend).checks().getFirst();
  }

  /** The ids of the CVM instances behind the rule. */
  List<String> instances() {
    return sandbox.scenario().instances().stream().map(SandboxScenario.InstanceSpec::id).toList();
  }

  /** Deploys other code for the function behind the SCF rule, as UpdateFunctionCode would. */
  void deployFunction(FunctionCode code) {
    sandbox.functions().register(FUNCTION.namespace(), FUNCTION.name(), code, deployed.timeout());
  }

  /** The code the scenario deployed for the function. */
  FunctionCode originalFunction() {
    return deployed.code();
  }

  /**
   * Undoes what a test broke: every instance running and healthy, the function's first code
   * deployed again; then waits until both backends read UP and forgets the changes so far.
   */
  void restore(Duration within) {
    instances().forEach(sandbox.instances()::start);
    sandbox.reconcileInstances();
    deployFunction(deployed.code());
    await()
        .atMost(within)
        .untilAsserted(
            () -> {
              for (Backend backend : Backend.values()) {
                BackendHealth health = health(backend);
                assertThat(health.verdict()).as(() -> explain(health)).isEqualTo(Verdict.UP);
              }
            });
    changes.clear();
  }

  /** The first change of {@code backend} to {@code to}, waiting for it at most {@code within}. */
  VerdictChange awaitChange(Backend backend, Verdict to, Duration within) {
    // polled often, so that the poll does not eat the headroom of the bound
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () -> {
              BackendHealth now = health(backend);
              assertThat(firstChange(backend, to))
                  .as(() -> "a change to " + to + "; so far " + changes + "; " + explain(now))
                  .isPresent();
            });
    return firstChange(backend, to).orElseThrow();
  }

  List<VerdictChange> changesOf(Backend backend) {
    return changes.stream().filter(c -> c.backend() == backend).toList();
  }

  Verdict verdict(Backend backend) throws Exception {
    return health(backend).verdict();
  }

  /** The backend's verdict and evidence now, read on the monitor's context (the board's). */
  BackendHealth health(Backend backend) throws Exception {
    Promise<BackendHealth> read = Promise.promise();
    monitor.context().runOnContext(v -> read.complete(monitor.backendHealth(SERVICE, backend)));
    return result(read.future());
  }

  private static String explain(BackendHealth health) {
    return health.summary()
        + health.evidence().stream().map(Evidence::describe).collect(joining("; ", " [", "]"));
  }

  @Override
  public void close() throws Exception {
    try {
      if (monitor != null) {
        result(monitor.close());
      }
      if (vertx != null) {
        result(vertx.close());
      }
    } finally {
      sandbox.close();
    }
  }

  private Optional<VerdictChange> firstChange(Backend backend, Verdict to) {
    return changes.stream().filter(c -> c.backend() == backend && c.to() == to).findFirst();
  }

  private String port(String loadBalancerId, String listenerId) {
    return Integer.toString(sandbox.vipPort(loadBalancerId, listenerId));
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
