package io.sluice.nemesis;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One nemesis run end to end, with real processes: three replicas, a three-server ensemble and the
 * sandbox ({@link NemesisCluster}); the CVM instances stop (the traffic change, so the leader
 * writes around the fault), the fault of the {@link Schedule} is injected and healed, an override
 * is set through a follower meanwhile, and the run is judged by {@link RunChecker} from the
 * sandbox's mutation log, its routing history and the group's epoch history. Takeover times are
 * read from the ensemble's epoch ctimes and the sandbox's write times, both on this machine's
 * clock.
 */
final class NemesisRun {
  static final String RULE = "clb:lb-cvm/lbl-cvm/loc-shopcvm";
  static final String NAME = "dns:shop.sluice.local/A";
  static final String FUNCTION = "scf:default/hello-clb:$LATEST";
  static final String SCF_RECORD = "2002 127.0.0.2";
  static final List<String> INSTANCES = List.of("ins-shop0001", "ins-shop0002");
  static final String SERVICE = "shop";
  // a fault is held at most this long waiting for what it waits for (a new leader, convergence)
  private static final Duration HOLD_BOUND = Duration.ofSeconds(40);
  // after the heal, the world must route as expected within this (session timeout + a failover)
  static final Duration CONVERGE_BOUND = Duration.ofSeconds(30);
  private static final Duration SLACK = Duration.ofMillis(20);
  // how long a blind vantage point is watched for a false failover, once every replica heard it
  private static final Duration BLIND_WATCH = Duration.ofSeconds(3);
  // how long the group is watched for writes once no replica leads without a ZooKeeper majority:
  // past the session timeout (4 s), so the sessions expire and the replicas must elect anew
  private static final Duration MAJORITY_WATCH = Duration.ofSeconds(8);

  /** What one run found: its violations and how long the takeover took, if there was one. */
  record Outcome(
      Schedule schedule,
      List<Violation> violations,
      Optional<Duration> takeover,
      Optional<Duration> firstWrite,
      Duration took) {
    String line() {
      return String.format(
          "%s: %d violation(s), takeover %s, new leader's first write %s, run %d s",
          schedule,
          violations.size(),
          takeover.map(d -> d.toMillis() + " ms").orElse("-"),
          firstWrite.map(d -> d.toMillis() + " ms").orElse("-"),
          took.toSeconds());
    }
  }

  private final Path dir;
  private final Schedule schedule;
  private final NemesisCluster cluster;
  private final Random random;
  private final List<AcknowledgedOverride> overrides = new ArrayList<>();
  private final List<Violation> violations = new ArrayList<>();
  private final Instant begun = Instant.now();

  private NemesisRun(Path dir, Schedule schedule, NemesisCluster cluster) {
    this.dir = dir;
    this.schedule = schedule;
    this.cluster = cluster;
    this.random = new Random(schedule.seed());
  }

  /** Runs {@code schedule} in a world of its own under {@code dir}, and judges it. */
  static Outcome run(Path dir, Schedule schedule) throws Exception {
    Set<String> clocks = schedule.nemesis().needsClocks() ? Set.of("r1", "r2", "r3") : Set.of();
    try (NemesisCluster cluster = NemesisCluster.start(dir, 3, clocks)) {
      return new NemesisRun(dir, schedule, cluster).play();
    }
  }

  private Outcome play() throws Exception {
    String leader = awaitLeader("a first leader");
    Instant faultAt;
    Instant healedAt;
    if (schedule.nemesis().trafficAfterHeal()) {
      faultAt = inject(leader);
      healedAt = hold(leader);
      stopInstances();
      overrideThroughAFollower(leader);
    } else {
      if (schedule.writesBefore() == 0) {
        faultAt = inject(leader);
        stopInstances();
      } else {
        stopInstances();
        waitUntil(
            "the failover's write " + schedule.writesBefore(),
            () -> cluster.sandbox().mutations().size() >= schedule.writesBefore());
        faultAt = inject(leader);
      }
      if (schedule.nemesis().refusesOverrides()) {
        healedAt = hold(leader);
        overrideThroughAFollower(awaitLeader("a leader after the heal"));
      } else {
        overrideThroughAFollower(leader);
        healedAt = hold(leader);
      }
    }
    Instant convergeBy = healedAt.plus(CONVERGE_BOUND);
    waitUntil("the group to agree on a leader", () -> cluster.leader().isPresent());
    waitUntil("the routing to converge", this::converged);

    Map<String, String> inForce = overridesInForce();
    violations.addAll(cluster.check(Map.of(), overrides, inForce, expected(), convergeBy, SLACK));
    if (cluster.leader().isEmpty()) {
      violations.add(
          new Violation("not-converged", "the group agrees on no leader at the end", List.of()));
    }
    List<EpochGrant> epochs = cluster.epochs();
    keepLogs(epochs, violations);
    Optional<EpochGrant> taken =
        epochs.stream()
            .filter(g -> !g.replica().equals(leader) && !g.start().isBefore(faultAt))
            .findFirst();
    Optional<Duration> takeover = taken.map(g -> Duration.between(faultAt, g.start()));
    Optional<Duration> firstWrite =
        taken.flatMap(
            g ->
                cluster.sandbox().mutations().stream()
                    .filter(w -> w.credential().equals(g.replica()))
                    .filter(w -> !w.time().isBefore(g.start()))
                    .findFirst()
                    .map(w -> Duration.between(faultAt, w.time())));
    return new Outcome(
        schedule,
        List.copyOf(violations),
        takeover,
        firstWrite,
        Duration.between(begun, Instant.now()));
  }

  /** Keeps what the checker read beside the children's logs: what explains a failed run. */
  private void keepLogs(List<EpochGrant> epochs, List<Violation> violations) throws IOException {
    Files.writeString(
        dir.resolve("run.txt"),
        schedule
            + "\n\nviolations:\n"
            + lines(violations)
            + "\nepochs:\n"
            + lines(epochs)
            + "\nwrites:\n"
            + lines(cluster.sandbox().mutations())
            + "\nrouting:\n"
            + lines(cluster.sandbox().routing()));
  }

  private static String lines(List<?> entries) {
    StringBuilder out = new StringBuilder();
    entries.forEach(e -> out.append("  ").append(e).append('\n'));
    return out.toString();
  }

  /** Injects the fault; returns when it began. */
  private Instant inject(String leader) throws Exception {
    Instant at = Instant.now();
    switch (schedule.nemesis()) {
      case PAUSE_LEADER -> cluster.replica(leader).process().pause();
      case KILL_LEADER -> cluster.replica(leader).process().kill9();
      case SEVER_LEADER -> cluster.cutFromZooKeeper(leader);
      case SEVER_FOLLOWER -> cluster.cutFromZooKeeper(follower(leader, 0));
      case KILL_ZOOKEEPER_FOLLOWER -> cluster.zooKeeper().kill(zooKeeperFollower());
      case KILL_ZOOKEEPER_LEADER -> cluster.zooKeeper().kill(zooKeeperLeader());
      case LOSE_ZOOKEEPER_MAJORITY -> {
        int follower = zooKeeperFollower();
        cluster.zooKeeper().kill(zooKeeperLeader());
        cluster.zooKeeper().kill(follower);
      }
      case JUMP_CLOCK -> cluster.jumpClock(clockVictim(leader), schedule.clockOffset());
      case SLOW_CLOUD_HANDOVER -> {
        cluster.sandbox().post("/admin/faults/*?latency=" + schedule.latency().toMillis() + "ms");
        cluster.replica(leader).process().kill9();
      }
      case BLIND_LEADER_VANTAGE ->
          cluster.sandbox().loseProbes(leader, "lbl-cvm", 1.0, "fail", schedule.seed());
    }
    return at;
  }

  /** Holds the fault as long as the nemesis says, heals it; returns when it was healed. */
  private Instant hold(String leader) throws Exception {
    switch (schedule.nemesis()) {
      case PAUSE_LEADER -> {
        awaitNewLeader(leader);
        cluster.replica(leader).process().resume();
      }
      case KILL_LEADER -> {
        awaitNewLeader(leader);
        cluster.startReplica(leader).awaitReady();
      }
      case SEVER_LEADER -> {
        awaitNewLeader(leader);
        cluster.healZooKeeper(leader);
      }
      case SEVER_FOLLOWER -> {
        String cut = follower(leader, 0);
        expect(
            "the others to count " + cut + " UNKNOWN once its verdicts are stale",
            () -> heard(cut, "UNKNOWN", cluster.names().stream().filter(r -> !r.equals(cut))));
        waitUntil("the routing to converge without the follower", this::converged);
        cluster.healZooKeeper(cut);
      }
      case KILL_ZOOKEEPER_FOLLOWER, KILL_ZOOKEEPER_LEADER -> {
        waitUntil("the routing to converge on two servers", this::converged);
        startDeadZooKeeperServers();
      }
      case LOSE_ZOOKEEPER_MAJORITY -> {
        expect(
            "no replica to lead without a ZooKeeper majority",
            () -> cluster.names().stream().noneMatch(this::saysItLeads));
        overrideRefused(follower(leader, 1));
        noNewWriteFor(
            MAJORITY_WATCH, "while no replica could reach a ZooKeeper majority (no one leads)");
        startDeadZooKeeperServers();
      }
      case JUMP_CLOCK -> {
        waitUntil("the routing to converge with a jumped clock", this::converged);
        cluster.jumpClock(clockVictim(leader), Duration.ZERO);
      }
      case SLOW_CLOUD_HANDOVER -> {
        awaitNewLeader(leader);
        waitUntil("the routing to converge on a slow cloud", this::converged);
        cluster.sandbox().delete("/admin/faults");
        cluster.startReplica(leader).awaitReady();
      }
      case BLIND_LEADER_VANTAGE -> {
        expect(
            "every replica to hear " + leader + " say DOWN",
            () -> heard(leader, "DOWN", cluster.names().stream()));
        noWriteFor(BLIND_WATCH, "while only " + leader + "'s vantage point saw the CVMs down");
        cluster.sandbox().delete("/admin/vantage-loss");
      }
    }
    return Instant.now();
  }

  /**
   * True when each of {@code replicas}' metrics show {@code vantage}'s verdict on the CVM backend
   * as {@code verdict}.
   */
  private boolean heard(String vantage, String verdict, java.util.stream.Stream<String> replicas) {
    return replicas.allMatch(
        r ->
            cluster
                .replica(r)
                .metrics()
                .lines()
                .anyMatch(
                    l ->
                        l.startsWith("sluice_backend_vantage_verdict{")
                            && l.contains("backend=\"cvm\"")
                            && l.contains("vantage=\"" + vantage + "\"")
                            && l.contains("verdict=\"" + verdict + "\"")
                            && l.matches(".* 1(\\.0)?$")));
  }

  /** Waits for what the partition table promises; records a violation if it never comes. */
  private void expect(String what, Callable<Boolean> condition) {
    try {
      await(what).atMost(HOLD_BOUND).pollInterval(Duration.ofMillis(100)).until(condition);
    } catch (ConditionTimeoutException e) {
      violations.add(
          new Violation(
              "not-as-documented", "no sign of " + what + " in " + HOLD_BOUND, List.of()));
    }
  }

  private void startDeadZooKeeperServers() throws Exception {
    for (int i = 0; i < cluster.zooKeeper().servers().size(); i++) {
      if (!cluster.zooKeeper().process(i).isAlive()) {
        cluster.zooKeeper().startServer(i);
      }
    }
  }

  /** True when the replica's metrics say it leads (a replica that does not answer does not). */
  private boolean saysItLeads(String replica) {
    return cluster
        .replica(replica)
        .metrics()
        .lines()
        .anyMatch(l -> l.matches("sluice_ha_leader(\\{[^}]*})? 1(\\.0)?"));
  }

  /** Records a violation if a cloud write beyond those made so far lands within {@code watch}. */
  private void noNewWriteFor(Duration watch, String when) {
    int made = cluster.sandbox().mutations().size();
    try {
      await("no new cloud write " + when)
          .during(watch)
          .atMost(watch.plusSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> cluster.sandbox().mutations().size() == made);
    } catch (ConditionTimeoutException e) {
      List<CloudWrite> all = cluster.sandbox().mutations();
      violations.add(
          new Violation(
              "write-without-leader",
              "a cloud write " + when,
              List.copyOf(all.subList(made, all.size()))));
    }
  }

  /** Records a violation if any cloud write lands within {@code watch}. */
  private void noWriteFor(Duration watch, String when) {
    try {
      await("no cloud write " + when)
          .during(watch)
          .atMost(watch.plusSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> cluster.sandbox().mutations().isEmpty());
    } catch (ConditionTimeoutException e) {
      violations.add(
          new Violation(
              "false-failover",
              "a cloud write " + when,
              List.copyOf(cluster.sandbox().mutations())));
    }
  }

  private void stopInstances() {
    INSTANCES.forEach(id -> cluster.sandbox().post("/admin/instances/" + id + "/stop"));
  }

  /**
   * Pins shop to SCF (where the failover takes it anyway) through a follower the fault spares, as
   * an operator would during an incident; acknowledged only by a 200, retried while the group is
   * busy (a 503 while ZooKeeper elects), never longer than the hold bound.
   */
  private void overrideThroughAFollower(String leader) {
    String via = follower(leader, 1);
    JsonObject body =
        new JsonObject()
            .put("pin", "scf")
            .put("ttl", "30m")
            .put("reason", "nemesis " + schedule.nemesis());
    waitUntil(
        "an override through " + via,
        () -> {
          ReplicaProcess.Answer answer = cluster.replica(via).putOverride(SERVICE, body);
          if (answer.status() != 200) {
            return false;
          }
          JsonObject o = new JsonObject(answer.body());
          overrides.add(
              new AcknowledgedOverride(
                  SERVICE,
                  overrideValue(o),
                  Instant.now(),
                  Optional.ofNullable(o.getString("expiresAt")).map(Instant::parse)));
          return true;
        });
  }

  /** Records a violation if {@code via} acknowledges an override it cannot have shared. */
  private void overrideRefused(String via) {
    JsonObject body =
        new JsonObject().put("pin", "cvm").put("ttl", "30m").put("reason", "without a majority");
    ReplicaProcess.Answer answer = cluster.replica(via).putOverride(SERVICE, body);
    if (answer.status() == 200) {
      violations.add(
          new Violation(
              "acknowledged-unshared",
              via + " acknowledged an override without a ZooKeeper majority: " + answer.body(),
              List.of()));
    }
  }

  /** Each service's override as the group's leader holds it at the end. */
  private Map<String, String> overridesInForce() {
    return cluster
        .leader()
        .flatMap(name -> cluster.replica(name).service(SERVICE))
        .map(s -> s.getJsonObject("override"))
        .map(o -> Map.of(SERVICE, overrideValue(o)))
        .orElse(Map.of());
  }

  private static String overrideValue(JsonObject override) {
    return override.getString("kind") + " " + override.getString("split");
  }

  private static Map<String, Set<String>> expected() {
    return Map.of(RULE, Set.of(FUNCTION), NAME, Set.of(SCF_RECORD));
  }

  private boolean converged() {
    List<RoutingChange> routing = cluster.sandbox().routing();
    return expected().entrySet().stream()
        .allMatch(
            e ->
                routing.stream()
                    .filter(c -> c.resource().equals(e.getKey()))
                    .reduce((a, b) -> b)
                    .map(c -> c.carrying().equals(e.getValue()))
                    .orElse(false));
  }

  private String awaitLeader(String what) {
    await(what).atMost(HOLD_BOUND).until(() -> cluster.leader().isPresent());
    return cluster.leader().orElseThrow();
  }

  /** Waits until a replica other than {@code old} leads in a newer epoch than old's. */
  private void awaitNewLeader(String old) {
    waitUntil(
        "a leader other than " + old,
        () -> {
          List<EpochGrant> epochs = cluster.epochs();
          return !epochs.isEmpty() && !epochs.getLast().replica().equals(old);
        });
  }

  /** The {@code n}th follower of {@code leader} (by name, wrapping). */
  private String follower(String leader, int n) {
    List<String> others = cluster.names().stream().filter(r -> !r.equals(leader)).toList();
    return others.get(n % others.size());
  }

  private String clockVictim(String leader) {
    return schedule.onLeader() ? leader : follower(leader, 0);
  }

  private int zooKeeperLeader() {
    return cluster.zooKeeper().leader().orElseThrow();
  }

  private int zooKeeperFollower() {
    int leader = zooKeeperLeader();
    int size = cluster.zooKeeper().servers().size();
    return (leader + 1 + random.nextInt(size - 1)) % size;
  }

  /**
   * Waits for {@code condition} up to the hold bound and goes on either way: what the run did not
   * reach is the checker's to judge, with the logs, not a timeout's.
   */
  private static void waitUntil(String what, Callable<Boolean> condition) {
    try {
      await(what).atMost(HOLD_BOUND).pollInterval(Duration.ofMillis(50)).until(condition);
    } catch (ConditionTimeoutException e) {
      System.out.println("nemesis: gave up waiting for " + what + " after " + HOLD_BOUND);
    }
  }
}
