package io.sluice.controller.daemon;

import io.sluice.testing.ExternalTool;
import io.sluice.testing.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One failover through HAProxy (Debian's package) instead of Sluice and the sandbox's CLB: HAProxy
 * forwards shop to the same two sandbox CVM instances Sluice's world has, checks them as Sluice's
 * probes do ({@code inter 1s fall 3 rise 2}, optionally {@code fastinter}), and holds the SCF
 * listener's VIP as its {@code backup} server. The run stops both instances and asks HAProxy's
 * frontend until the function answers.
 */
final class HaproxyRun {
  static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
  private static final Duration START_BOUND = Duration.ofSeconds(30);
  // HAProxy counts a server UP from its first check; rise 2 at 1 s settles within this
  private static final Duration SETTLE = Duration.ofSeconds(3);

  /** The first SCF answer after the stop, and the requests that failed meanwhile. */
  record Result(Duration total, int failed) {}

  private HaproxyRun() {}

  static Result run(Optional<Duration> fastinter, Path dir) throws Exception {
    Path haproxy = ExternalTool.require(HAPROXY, "apt-get install haproxy");
    try (EmbeddedCloud cloud = FailoverRun.startWorld(Duration.ZERO)) {
      int front = LoopbackPorts.pick();
      Path config = dir.resolve("haproxy.cfg");
      Files.writeString(config, config(cloud, front, fastinter));
      Process process =
          new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("haproxy.log").toFile())
              .start();
      try {
        FailoverRun.waitFor(
            () -> "cvm".equals(Sampler.ask(front)), START_BOUND, "HAProxy serving shop from CVM");
        Thread.sleep(SETTLE.toMillis());
        Sampler.Served served = Sampler.untilScf(front, () -> FailoverRun.stopCvm(cloud));
        return new Result(Duration.between(served.fault(), served.at()), served.failed());
      } finally {
        process.destroy();
        process.waitFor();
      }
    }
  }

  private static String config(EmbeddedCloud cloud, int front, Optional<Duration> fastinter)
      throws IOException {
    var sandbox = cloud.sandbox();
    return """
        defaults
          mode http
          timeout connect 500ms
          timeout client 10s
          timeout server 10s
          timeout check 500ms
        frontend shop
          bind 127.0.0.1:%d
          default_backend shop
        backend shop
          option httpchk
          http-check send meth GET uri / ver HTTP/1.1 hdr Host health.sluice.local
          default-server inter 1s fall 3 rise 2%s
          server cvm1 127.0.0.1:%d check
          server cvm2 127.0.0.1:%d check
          server scf 127.0.0.1:%d backup
        """
        .formatted(
            front,
            fastinter.map(f -> " fastinter " + f.toMillis() + "ms").orElse(""),
            sandbox.instancePort("ins-shop0001"),
            sandbox.instancePort("ins-shop0002"),
            sandbox.vipPort("lb-scf", "lbl-scf"));
  }
}
