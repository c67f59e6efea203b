package io.sluice.controller.daemon;

import io.micrometer.core.instrument.Timer;
import io.sluice.controller.api.Tokens;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.meters.MeterNames;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One planned switch while both backends are healthy (an operator's pin to SCF, then one back to
 * CVM), with shop's client asking at 100 requests a second: the requests that failed across each
 * switch, and the time the rule routed to nothing as the actuator measured it. With {@code mixed},
 * the sandbox lets a rule hold CVM targets and a function at once and Sluice switches
 * make-before-break; without, a switch deregisters the instances and then registers the function.
 */
final class SwitchRun {
  private static final Duration STEADY_BOUND = Duration.ofSeconds(60);
  // after SCF first answers, how long the client goes on asking for stragglers
  private static final Duration AFTER = Duration.ofSeconds(1);

  /** How the switch is made. */
  enum Kind {
    /** clb-rule on a rule that holds CVM targets or a function, never both: break before make. */
    CLB_ONE_KIND,
    /** clb-rule on a rule that may hold both: make before break. */
    CLB_MIXED,
    /** dns-weight: the client resolves shop before each request and asks the VIP it got. */
    DNS_WEIGHT
  }

  /** Failed requests switching to SCF and back, and the unrouted time of both switches. */
  record Result(int failedToScf, int failedBack, Duration unrouted) {}

  private SwitchRun() {}

  static Result run(Duration taskDelay, Kind kind, Path stateDir) throws Exception {
    boolean mixed = kind == Kind.CLB_MIXED;
    String world =
        Files.readString(FailoverRun.DIR.resolve("world.yaml"))
            .replace("taskDuration: 0ms", "taskDuration: " + taskDelay.toMillis() + "ms")
            .replace(
                "mixedRuleTargets: rejected",
                "mixedRuleTargets: " + (mixed ? "allowed" : "rejected"));
    String token = Tokens.generate();
    String yaml =
        Files.readString(FailoverRun.DIR.resolve("sluice.yaml"))
            .replace(
                "    source: sandbox\n",
                "    source: sandbox\n  api:\n    tokens:\n      - { id: bench, sha256: \""
                    + Tokens.sha256(token)
                    + "\", role: admin }\n");
    if (kind == Kind.DNS_WEIGHT) {
      yaml =
          yaml.replace(
              "    actuator:\n      kind: clb-rule\n",
              "    dns:\n      records:\n        - { zone: sluice.local, subdomain: shop, cvmRecordId:"
                  + " 2001, scfRecordId: 2002, ttl: 1 }\n    actuator:\n      kind: dns-weight\n");
    }
    if (mixed) {
      yaml =
          yaml.replace(
              "      kind: clb-rule\n", "      kind: clb-rule\n      clbMixedTargets: true\n");
    }
    Path configFile = Files.createTempFile(stateDir, "sluice", ".yaml");
    Files.writeString(configFile, yaml);
    try (EmbeddedCloud cloud =
            EmbeddedCloud.start(ScenarioLoader.parse("world.yaml", world), FailoverRun.DIR);
        HttpClient http = HttpClient.newHttpClient()) {
      SluiceConfig config = new ConfigLoader(cloud.env(System::getenv)).load(configFile);
      DaemonOptions options = SandboxDaemon.options(cloud, stateDir, Clock.systemUTC());
      try (Daemon daemon =
          Daemon.start(config, cloud.credential(), options, CloudActuators.builder())) {
        int vip = cloud.sandbox().vipPort("lb-cvm", "lbl-cvm");
        FailoverRun.waitFor(
            () -> "cvm".equals(Sampler.ask(vip)) && FailoverRun.started(daemon),
            STEADY_BOUND,
            "shop served by CVM and its route started");
        URI override =
            URI.create("http://127.0.0.1:" + daemon.httpPort() + "/v1/services/shop/override");
        IntSupplier door = kind == Kind.DNS_WEIGHT ? () -> resolved(cloud) : () -> vip;
        int toScf =
            Sampler.untilAnswer(door, "scf", AFTER, () -> pin(http, override, token, "scf"));
        int back = Sampler.untilAnswer(door, "cvm", AFTER, () -> pin(http, override, token, "cvm"));
        if (System.getenv("SWITCH_TIMERS") != null) {
          for (String name : new String[] {MeterNames.CLOUD_CALL, MeterNames.TASK_WAIT}) {
            daemon
                .registry()
                .find(name)
                .timers()
                .forEach(
                    t ->
                        System.out.printf(
                            "%s %s: %d calls, mean %.1f ms, max %.1f ms%n",
                            name,
                            t.getId().getTags(),
                            t.count(),
                            t.mean(TimeUnit.MILLISECONDS),
                            t.max(TimeUnit.MILLISECONDS)));
          }
        }
        Timer unrouted = daemon.registry().find(MeterNames.UNROUTED).timer();
        Duration gap =
            unrouted == null
                ? Duration.ZERO
                : Duration.ofNanos((long) unrouted.totalTime(TimeUnit.NANOSECONDS));
        return new Result(toScf, back, gap);
      }
    }
  }

  /**
   * The VIP port shop resolves to now: the world's answers are symbolic, 127.0.0.1 for lb-cvm and
   * 127.0.0.2 for lb-scf; -1 when the name does not resolve.
   */
  private static int resolved(EmbeddedCloud cloud) {
    try {
      return switch (SandboxClients.dns(cloud.sandbox().dnsPort(), Sampler.SHOP)) {
        case "127.0.0.1" -> cloud.sandbox().vipPort("lb-cvm", "lbl-cvm");
        case "127.0.0.2" -> cloud.sandbox().vipPort("lb-scf", "lbl-scf");
        default -> -1;
      };
    } catch (IOException e) {
      return -1;
    }
  }

  /** Pins shop to {@code backend} through the operator API, as an operator would. */
  private static void pin(HttpClient http, URI override, String token, String backend) {
    HttpRequest request =
        HttpRequest.newBuilder(override)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    "{\"pin\":\""
                        + backend
                        + "\",\"ttl\":\"10m\",\"reason\":\"switch benchmark\"}"))
            .build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "pin " + backend + ": " + answer.statusCode() + " " + answer.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
