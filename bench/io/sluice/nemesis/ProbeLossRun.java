package io.sluice.nemesis;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issue 12's false-failover figure: a healthy CVM whose probes lose a share of their requests,
 * judged by three replicas (each replica's probes losing independently, seeded) and, at the same
 * time and under the same loss, by one replica alone. Both worlds are real processes (the nemesis
 * harness): a sandbox each, the three-server ensemble for the group. Counts, per world, the entries
 * into DOWN of the verdict the leader acts on, the failovers in the rule's routing history and the
 * time on SCF.
 */
final class ProbeLossRun {
  static final Path DEFAULT_SERVICES = Path.of("bench/io/sluice/nemesis/ha/loss-services.yaml");
  private static final Duration POLL_EVERY = Duration.ofMillis(250);
  private static final Duration REPORT_EVERY = Duration.ofMinutes(1);

  /**
   * @param length how long the probes lose
   * @param share the share of each replica's CVM probes lost
   * @param kind {@code drop} (never answered: the probe times out) or {@code fail} (a 503)
   * @param seed replica {@code rN} loses by a generator seeded with {@code seed + N}; the lone
   *     replica is {@code r1} and loses as r1 of the group does
   * @param services the services every replica runs ({@link #DEFAULT_SERVICES}: default probes)
   */
  record Settings(Duration length, double share, String kind, long seed, Path services) {}

  private ProbeLossRun() {}

  static void run(Settings s) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "ha-bench", "loss-" + Instant.now()));
    System.out.println("ha-bench loss: logs under " + dir);
    try (NemesisCluster group =
            NemesisCluster.start(
                dir.resolve("group"), 3, Set.of(), s.services(), ReplicaConfig.SESSION_TIMEOUT);
        SandboxProcess soloCloud =
            SandboxProcess.start(NemesisWorld.SCENARIO, dir.resolve("solo"));
        ReplicaProcess solo =
            ReplicaProcess.start(
                "r1",
                soloCloud,
                dir.resolve("solo"),
                Optional.empty(),
                Optional.empty(),
                s.services())) {
      solo.awaitReady();
      List<ReplicaProcess> members = group.names().stream().map(group::replica).toList();
      awaitOnCvm(group.sandbox());
      awaitOnCvm(soloCloud);
      // the warm-up settled: a leader, every verdict UP; the loss starts for both at once
      VerdictWatch groupWatch = new VerdictWatch(members);
      VerdictWatch soloWatch = new VerdictWatch(List.of(solo));
      for (int i = 0; i < members.size(); i++) {
        group
            .sandbox()
            .loseProbes(members.get(i).name(), "lbl-cvm", s.share(), s.kind(), s.seed() + i + 1);
      }
      soloCloud.loseProbes("r1", "lbl-cvm", s.share(), s.kind(), s.seed() + 1);
      Instant from = Instant.now();
      Instant to = from.plus(s.length());
      LoadSampler load = new LoadSampler();
      Instant nextReport = from.plus(REPORT_EVERY);
      while (Instant.now().isBefore(to)) {
        groupWatch.poll();
        soloWatch.poll();
        load.sample();
        if (!Instant.now().isBefore(nextReport)) {
          progress(from, groupWatch, soloWatch, load);
          nextReport = nextReport.plus(REPORT_EVERY);
        }
        Thread.sleep(POLL_EVERY);
      }
      report("3 replicas", groupWatch, RoutingTally.of(group.sandbox().routing(), from, to), s);
      report("1 replica", soloWatch, RoutingTally.of(soloCloud.routing(), from, to), s);
      System.out.printf(Locale.ROOT, "load: %s%n", load);
    }
  }

  private static void awaitOnCvm(SandboxProcess cloud) {
    await("shop's rule to route to CVM only")
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              List<RoutingChange> rule =
                  cloud.routing().stream()
                      .filter(c -> c.resource().equals(RoutingTally.RULE))
                      .toList();
              return !rule.isEmpty()
                  && rule.getLast().carrying().stream().noneMatch(t -> t.startsWith("scf:"));
            });
  }

  private static void progress(
      Instant from, VerdictWatch group, VerdictWatch solo, LoadSampler load) {
    List<String> parts = new ArrayList<>();
    group
        .tallies()
        .forEach((name, t) -> parts.add(name + " own " + t.ownDowns + "/q " + t.quorumDowns));
    solo.tallies().forEach((name, t) -> parts.add("solo " + t.quorumDowns));
    System.out.printf(
        Locale.ROOT,
        "%4d s: DOWNs %s; load %s%n",
        Duration.between(from, Instant.now()).toSeconds(),
        String.join(", ", parts),
        load);
  }

  private static void report(String world, VerdictWatch watch, RoutingTally routing, Settings s) {
    System.out.printf(
        Locale.ROOT,
        "%n%s (%s), %.0f%% %s of each replica's CVM probes for %d s:%n",
        world,
        s.services().getFileName(),
        s.share() * 100,
        s.kind(),
        s.length().toSeconds());
    for (Map.Entry<String, VerdictWatch.Tally> e : watch.tallies().entrySet()) {
      VerdictWatch.Tally t = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "  %s: led %d of %d scrapes (%d unanswered); DOWNs at its own vantage point %d;"
              + " DOWNs of the verdict it decides on %d (%.1f s DOWN)%n",
          e.getKey(),
          t.scrapesLed,
          t.scrapes,
          t.unanswered,
          t.ownDowns,
          t.quorumDowns,
          t.quorumDownFor.toMillis() / 1000.0);
    }
    System.out.printf(
        Locale.ROOT,
        "  routing: %d failovers; %.1f s with a share on SCF, %.1f s wholly on SCF%n",
        routing.failovers(),
        routing.onScf().toMillis() / 1000.0,
        routing.whollyOnScf().toMillis() / 1000.0);
  }
}
