package io.sluice.controller.daemon;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.sluice.cloud.ClientSettings;
import io.sluice.controller.config.ConfigException;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Phase;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.clb.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The daemon on src/test/resources/faults: the sandbox in this JVM ({@link FaultCloud}), the daemon
 * with the real actuators and a temporary state directory, and what the fault tests read back: the
 * journal, verdicts and phase.
 */
final class FaultWorld implements AutoCloseable {
  static final Path DIR = Path.of("src/test/resources/faults");
  static final String LB = "lb-cvm";
  static final String FUNCTION = "hello-clb";
  static final String SHOP = "shop.sluice.local";

  /** 3 probes of 200 ms to DOWN, confirmFor 0, ticks of 100 ms, then CI slack. */
  static final Duration FAILOVER_BOUND = Duration.ofSeconds(20);

  /** Backoffs of 1, 2 and 4 s after faults, each followed by a read; then CI slack. */
  static final Duration CONVERGE_BOUND = Duration.ofSeconds(30);

  /**
   * Both backends UP from a cold start: two probes of 200 ms each, warm-up ticks. Generous: on a
   * loaded two-core machine a cold JVM's first probes outlive their 150 ms timeout for a while
   * (DaemonFaultsIT's first test once took over 20 s to see both UP), and waiting longer weakens no
   * assertion.
   */
  static final Duration STEADY_BOUND = Duration.ofSeconds(60);

  static final Duration TICK = Duration.ofMillis(100);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FaultCloud cloud;
  private final Daemon daemon;
  private final Path stateDir;

  private FaultWorld(FaultCloud cloud, Daemon daemon, Path stateDir) {
    this.cloud = cloud;
    this.daemon = daemon;
    this.stateDir = stateDir;
  }

  static Builder in(Path stateDir) {
    return new Builder(stateDir);
  }

  static final class Builder {
    private final Path stateDir;
    private String taskDuration = "100ms";
    private Duration taskBudget = Duration.ofSeconds(10);
    private Clock wall = Clock.systemUTC();
    private LongSupplier sandboxNanos = System::nanoTime;
    private Duration tick = TICK;
    private UnaryOperator<String> worldEdit = UnaryOperator.identity();
    private UnaryOperator<String> configEdit = UnaryOperator.identity();
    private Consumer<EmbeddedCloud> beforeDaemon = cloud -> {};

    private Builder(Path stateDir) {
      this.stateDir = stateDir;
    }

    /** How long the sandbox's CLB tasks run. */
    Builder taskDuration(String duration) {
      this.taskDuration = duration;
      return this;
    }

    /** How long the actuator waits for a task. */
    Builder taskBudget(Duration budget) {
      this.taskBudget = budget;
      return this;
    }

    /** How often the daemon ticks. */
    Builder tick(Duration every) {
      this.tick = every;
      return this;
    }

    /** Changes world.yaml's text before the sandbox loads it. */
    Builder world(UnaryOperator<String> edit) {
      this.worldEdit = edit;
      return this;
    }

    /** Changes sluice.yaml's text before the daemon loads it. */
    Builder config(UnaryOperator<String> edit) {
      this.configEdit = edit;
      return this;
    }

    /** Runs against the started sandbox before the daemon starts, as an earlier run would have. */
    Builder beforeDaemon(Consumer<EmbeddedCloud> setUp) {
      this.beforeDaemon = setUp;
      return this;
    }

    Builder wall(Clock clock) {
      this.wall = clock;
      return this;
    }

    /** The monotonic clock of the sandbox's CLB tasks and rate limits. */
    Builder sandboxClock(LongSupplier nanos) {
      this.sandboxNanos = nanos;
      return this;
    }

    FaultWorld start() throws IOException, ConfigException {
      FaultCloud cloud = FaultCloud.start(taskDuration, worldEdit, sandboxNanos);
      try {
        EmbeddedCloud embedded = cloud.embedded();
        beforeDaemon.accept(embedded);
        var config =
            new ConfigLoader(embedded.env(System::getenv))
                .parse(
                    "sluice.yaml",
                    configEdit.apply(
                        Files.readString(DIR.resolve("sluice.yaml"), StandardCharsets.UTF_8)));
        DaemonOptions options = options(embedded.clientSettings(), stateDir, wall, tick);
        Daemon daemon =
            Daemon.start(
                config, embedded.credential(), options, CloudActuators.builder(taskBudget));
        return new FaultWorld(cloud, daemon, stateDir);
      } catch (IOException | ConfigException | RuntimeException e) {
        cloud.close();
        throw e;
      }
    }
  }

  static DaemonOptions options(ClientSettings clients, Path stateDir, Clock wall, Duration tick) {
    return new DaemonOptions(
        clients, stateDir, ListenAddress.parse("127.0.0.1:0"), tick, false, System::nanoTime, wall);
  }

  FaultCloud cloud() {
    return cloud;
  }

  Sandbox sandbox() {
    return cloud.sandbox();
  }

  Daemon daemon() {
    return daemon;
  }

  List<String> rulesRoutingNowhere() {
    return cloud.rulesRoutingNowhere();
  }

  Backends rule() {
    return cloud.rule();
  }

  boolean onScf() {
    return cloud.onScf();
  }

  boolean onCvm() {
    return cloud.onCvm();
  }

  void stopCvm() {
    cloud.stopCvm();
  }

  boolean verdict(String backend, String verdict) {
    Gauge gauge =
        daemon
            .registry()
            .find(MeterNames.BACKEND_VERDICT)
            .tags(
                MeterNames.TAG_SERVICE, "shop",
                MeterNames.TAG_BACKEND, backend,
                MeterNames.TAG_VERDICT, verdict)
            .gauge();
    return gauge != null && gauge.value() == 1.0;
  }

  /** The counter {@code name} with tag outcome {@code outcome}, 0 before it counted anything. */
  double counter(String name, String outcome) {
    var counter = daemon.registry().find(name).tag(MeterNames.TAG_OUTCOME, outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  double counter(String name) {
    var counter = daemon.registry().find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Both backends UP and shop's route started from the cloud. */
  void awaitSteady() {
    await()
        .atMost(STEADY_BOUND)
        .until(() -> verdict("cvm", "UP") && verdict("scf", "UP") && phase() == Phase.NORMAL);
  }

  Phase phase() {
    return onContext(RouteReconciler::phase);
  }

  <T> T onContext(Function<RouteReconciler, T> read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    daemon
        .context()
        .runOnContext(
            v -> result.complete(read.apply(daemon.reconcilers().get("shop").getFirst())));
    return result.join();
  }

  /** The journal file's entries, as the next start would read them. */
  List<JsonNode> journal() throws IOException {
    return journalIn(stateDir);
  }

  static List<JsonNode> journalIn(Path stateDir) throws IOException {
    Path file = stateDir.resolve(IntentJournal.FILE_NAME);
    if (!Files.exists(file)) {
      return List.of();
    }
    List<JsonNode> entries = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        entries.add(JSON.readTree(line));
      }
    }
    return entries;
  }

  static List<JsonNode> ofType(List<JsonNode> entries, String type) {
    return entries.stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  /** The journal's OUTCOME entries' outcomes, oldest first. */
  static List<String> outcomes(List<JsonNode> journal) {
    return ofType(journal, "OUTCOME").stream().map(o -> o.at("/fields/outcome").asText()).toList();
  }

  @Override
  public void close() {
    try {
      daemon.close();
    } finally {
      cloud.close();
    }
  }
}
