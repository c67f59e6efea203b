package io.sluice.controller.cli;

import io.sluice.controller.api.Tokens;
import io.sluice.controller.daemon.Daemon;
import io.sluice.controller.daemon.EmbeddedCloud;
import io.sluice.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice demo}: the sandbox and the daemon in one process, on the bundled scenario of
 * Tencent's three uses (examples/demo), with commands to send traffic and break an instance.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the sandbox and the controller together on the bundled demo (shop fails over between"
            + " CVM and SCF; a and b are diverted), printing commands to try.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The demo's folder, with sluice.yaml and world.yaml (default: examples/demo).")
  Path dir = Path.of("examples", "demo");

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Where the operator API and /metrics are served (default 127.0.0.1:7070; port 0 picks a"
              + " free one).")
  Optional<String> listen;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where the journal and the audit log live (default: a new temporary directory, printed"
              + " at start).")
  Optional<Path> stateDir;

  @Option(
      names = "--replicas",
      paramLabel = "N",
      description =
          "Run N replicas (1-"
              + MAX_REPLICAS
              + ") as a group on an embedded ZooKeeper server: each probes from its own vantage"
              + " point, one leads and moves traffic, any takes overrides (docs/ha.md). Their APIs"
              + " listen on consecutive ports from --listen's.")
  int replicas = 1;

  @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or json.")
  LogFormat logFormat = LogFormat.TEXT;

  /** Released by tests (and by the shutdown hook) to stop. */
  final CountDownLatch stop = new CountDownLatch(1);

  /**
   * The admin token of this run: random, made at start and printed, so the demo's config holds only
   * the hash of a token no one else knows.
   */
  final String token = Tokens.generate();

  static final int MAX_REPLICAS = 5;

  /** Set once the demo serves, for tests: the first replica's daemon. */
  volatile Daemon daemon;

  /** Set once the demo's group serves ({@code --replicas}), for tests: the replica processes. */
  volatile DemoReplicas group;

  volatile Sandbox sandbox;

  @Override
  public Integer call() {
    logFormat.apply();
    PrintWriter out = spec.commandLine().getOut();
    Path state;
    try {
      state = stateDir.isPresent() ? stateDir.get() : newStateDir();
    } catch (IOException e) {
      spec.commandLine().getErr().println("sluice: cannot make a state directory: " + e);
      return 1;
    }
    if (replicas != 1) {
      return group(out, state);
    }
    return DaemonLaunch.run(
        new DaemonLaunch.Request(
            dir.resolve("sluice.yaml"),
            Optional.of(dir.resolve("world.yaml")),
            Optional.empty(),
            false,
            listen,
            Optional.of(state),
            Map.of(DemoGuide.TOKEN_HASH_VARIABLE, Tokens.sha256(token)),
            Optional.empty()),
        spec.commandLine().getErr(),
        stop,
        (started, cloud) -> {
          Sandbox world = cloud.map(EmbeddedCloud::sandbox).orElseThrow();
          DemoGuide.print(out, started.httpPort(), world, token, state);
          this.sandbox = world;
          this.daemon = started;
        });
  }

  /**
   * {@code --replicas N}: an embedded ZooKeeper server and the sandbox in this process, and N
   * replicas of the demo's config with {@code controller.ha} added, each a {@code sluice run}
   * process with its own state directory and API port, so that one can be killed.
   */
  private int group(PrintWriter out, Path state) {
    PrintWriter err = spec.commandLine().getErr();
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      err.println("sluice: --replicas: must be 1-" + MAX_REPLICAS + ", got " + replicas);
      err.flush();
      return 1;
    }
    CountDownLatch closed = new CountDownLatch(1);
    try (DemoZooKeeper zookeeper = DemoZooKeeper.start(state.resolve("zookeeper"));
        EmbeddedCloud cloud = EmbeddedCloud.start(dir.resolve("world.yaml"))) {
      DemoGroup group = DemoGroup.of(replicas, zookeeper.connect(), listen);
      Path config = group.writeConfig(dir.resolve("sluice.yaml"), state);
      try (DemoReplicas running =
          DemoReplicas.launch(
              group,
              config,
              state,
              cloud,
              Map.of(DemoGuide.TOKEN_HASH_VARIABLE, Tokens.sha256(token)))) {
        running.awaitServing();
        DemoGuide.print(
            out, running.replicas().getFirst().api().port(), cloud.sandbox(), token, state);
        DemoGuide.printGroup(out, running, zookeeper.connect(), config);
        this.sandbox = cloud.sandbox();
        this.group = running;
        Serving.until(stop, closed, "sluice-demo-shutdown");
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (Exception e) {
      err.println("sluice: the demo's group did not start: " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      closed.countDown();
    }
  }

  /**
   * The demo's state (journal, audit log, home targets) goes to a fresh temporary directory, never
   * into the folder it is started from: a demo run leaves nothing in a checkout, and each run
   * starts from the cloud's state as a first start would.
   */
  static Path newStateDir() throws IOException {
    return Files.createTempDirectory("sluice-demo-state-");
  }
}
