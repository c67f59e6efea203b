package io.sluice.controller.daemon;

import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.health.monitor.VerdictChange;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One failover on a fresh sandbox and daemon: wait until both backends are UP and the route has
 * started, stop both CVM instances, and note the stop, the CVM verdict turning DOWN (announced
 * right after the decisive probe result), the reconciler's apply (the Shift), the first cloud
 * write, and the first request the VIP answers from SCF, asked every few milliseconds.
 */
final class FailoverRun {
  static final Path DIR = Path.of("bench/io/sluice/controller/daemon/failover");
  private static final Duration STEADY_BOUND = Duration.ofSeconds(60);
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(60);

  /**
   * The marks of one run, on the wall clock (microseconds on Linux): the DOWN mark is the monitor's
   * own time of the verdict change, taken right after the decisive probe result and before any
   * subscriber runs (the daemon's tick loop, subscribed first, decides inside it).
   */
  record Times(
      Instant stop, Instant down, Instant apply, Instant firstWrite, Instant served, int failed) {
    Duration detection() {
      return Duration.between(stop, down);
    }

    Duration decision() {
      return Duration.between(down, apply);
    }

    /** From the decisive probe result to the first cloud write. */
    Duration controller() {
      return Duration.between(down, firstWrite);
    }

    Duration actuation() {
      return Duration.between(firstWrite, served);
    }

    Duration total() {
      return Duration.between(stop, served);
    }
  }

  private FailoverRun() {}

  static Times run(Duration taskDelay, Path stateDir) throws Exception {
    return run(taskDelay, Optional.empty(), stateDir);
  }

  /**
   * @param fastInterval the probes' fast interval (HAProxy's fastinter), if any; their timeout
   *     while the verdict changes is then the fast interval's default
   */
  static Times run(Duration taskDelay, Optional<Duration> fastInterval, Path stateDir)
      throws Exception {
    try (EmbeddedCloud cloud = startWorld(taskDelay)) {
      String yaml = Files.readString(DIR.resolve("sluice.yaml"));
      if (fastInterval.isPresent()) {
        yaml =
            yaml.replace(
                "            fall: 3\n",
                "            fastInterval: "
                    + fastInterval.get().toMillis()
                    + "ms\n"
                    + "            fall: 3\n");
      }
      Path configFile = Files.createTempFile(stateDir, "sluice", ".yaml");
      Files.writeString(configFile, yaml);
      SluiceConfig config = new ConfigLoader(cloud.env(System::getenv)).load(configFile);
      DaemonOptions options = SandboxDaemon.options(cloud, stateDir, Clock.systemUTC());
      TimedActuators timed = new TimedActuators();
      try (Daemon daemon =
          Daemon.start(config, cloud.credential(), options, timed.wrap(CloudActuators.builder()))) {
        AtomicReference<Instant> down = new AtomicReference<>();
        daemon
            .context()
            .runOnContext(v -> daemon.monitor().subscribe(change -> noteDown(change, down)));
        int vip = cloud.sandbox().vipPort("lb-cvm", "lbl-cvm");
        waitFor(
            () -> "cvm".equals(Sampler.ask(vip)) && started(daemon),
            STEADY_BOUND,
            "shop served by CVM and its route started");
        Sampler.Served served = Sampler.untilScf(vip, () -> stopCvm(cloud));
        return new Times(
            served.fault(),
            down.get(),
            timed.firstApply.get(),
            timed.firstWrite.get(),
            served.at(),
            served.failed());
      }
    }
  }

  /** The benchmark's world, with CLB tasks that take {@code taskDelay}. */
  static EmbeddedCloud startWorld(Duration taskDelay) throws IOException {
    String world =
        Files.readString(DIR.resolve("world.yaml"))
            .replace("taskDuration: 0ms", "taskDuration: " + taskDelay.toMillis() + "ms");
    return EmbeddedCloud.start(ScenarioLoader.parse("world.yaml", world), DIR);
  }

  /** Stops both of shop's instances: their ports refuse connections from now on. */
  static void stopCvm(EmbeddedCloud cloud) {
    cloud.sandbox().instances().stop("ins-shop0001");
    cloud.sandbox().instances().stop("ins-shop0002");
    cloud.sandbox().reconcileInstances();
  }

  private static void noteDown(VerdictChange change, AtomicReference<Instant> down) {
    if (change.backend() == Backend.CVM && change.to() == Verdict.DOWN) {
      down.compareAndSet(null, change.at());
    }
  }

  static boolean started(Daemon daemon) {
    return daemon.reconcilers().values().stream()
        .flatMap(java.util.List::stream)
        .allMatch(r -> r.phase() == io.sluice.policies.Phase.NORMAL);
  }

  /** A harness, not a test: polls every 10 ms, which the measured marks do not depend on. */
  static void waitFor(BooleanSupplier condition, Duration bound, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("no " + what + " within " + bound);
      }
      Thread.sleep(10);
    }
  }
}
