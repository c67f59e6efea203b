package io.sluice.controller.daemon;

import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.health.monitor.VerdictChange;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private static final String SHOP = "shop.sluice.local";

  /**
   * The marks of one run, on the wall clock (microseconds on Linux): the DOWN mark is the monitor's
   * own time of the verdict change, taken right after the decisive probe result and before any
   * subscriber runs (the daemon's tick loop, subscribed first, decides inside it).
   */
  record Times(Instant stop, Instant down, Instant apply, Instant firstWrite, Instant served) {
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
    String world =
        Files.readString(DIR.resolve("world.yaml"))
            .replace("taskDuration: 0ms", "taskDuration: " + taskDelay.toMillis() + "ms");
    try (EmbeddedCloud cloud =
        EmbeddedCloud.start(ScenarioLoader.parse("world.yaml", world), DIR)) {
      SluiceConfig config =
          new ConfigLoader(cloud.env(System::getenv)).load(DIR.resolve("sluice.yaml"));
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
            () -> "cvm".equals(ask(vip)) && started(daemon),
            STEADY_BOUND,
            "shop served by CVM and its route started");
        AtomicReference<Instant> served = new AtomicReference<>();
        AtomicBoolean asking = new AtomicBoolean(true);
        Instant stop = Instant.now();
        Thread sampler =
            Thread.ofPlatform()
                .daemon()
                .start(
                    () -> {
                      while (asking.get() && served.get() == null) {
                        if ("scf".equals(ask(vip))) {
                          served.compareAndSet(null, Instant.now());
                        }
                      }
                    });
        cloud.sandbox().instances().stop("ins-shop0001");
        cloud.sandbox().instances().stop("ins-shop0002");
        cloud.sandbox().reconcileInstances();
        try {
          waitFor(() -> served.get() != null, FAILOVER_BOUND, "the first request served by SCF");
        } finally {
          asking.set(false);
          sampler.join();
        }
        return new Times(
            stop, down.get(), timed.firstApply.get(), timed.firstWrite.get(), served.get());
      }
    }
  }

  private static void noteDown(VerdictChange change, AtomicReference<Instant> down) {
    if (change.backend() == Backend.CVM && change.to() == Verdict.DOWN) {
      down.compareAndSet(null, change.at());
    }
  }

  private static boolean started(Daemon daemon) {
    return daemon.reconcilers().values().stream()
        .flatMap(java.util.List::stream)
        .allMatch(r -> r.phase() == io.sluice.policies.Phase.NORMAL);
  }

  /** {@code scf}, {@code cvm} or {@code other}: who answered shop through lb-cvm's VIP. */
  static String ask(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + SHOP + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      try (InputStream in = socket.getInputStream()) {
        String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (reply.contains("Hello CLB")) {
          return "scf";
        }
        return reply.startsWith("HTTP/1.1 200") ? "cvm" : "other";
      }
    } catch (IOException e) {
      return "other";
    }
  }

  /** A harness, not a test: polls every 10 ms, which the measured marks do not depend on. */
  private static void waitFor(BooleanSupplier condition, Duration bound, String what)
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
