package io.sluice.nemesis;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 12's takeover time: the leader of three replicas dies (kill -9) or stops (SIGSTOP, a pause
 * longer than the session timeout, then SIGCONT), and shop's CVM instances stop right after, so a
 * failover is pending that only a new leader can make (stopped before the fault, a loaded machine
 * can let the old leader make it first). Per run: fault → the new epoch's grant (its {@code
 * /epochs/N} ctime, stamped by the ensemble) and fault → the first cloud write by another replica
 * (the sandbox's mutation log, which names each write's key). The bar: the grant within the session
 * timeout + 2 s. All on one host, so the clocks of the harness, ensemble and sandbox are one clock.
 */
final class TakeoverRun {
  static final Path SERVICES = Path.of("bench/io/sluice/nemesis/ha/takeover-services.yaml");
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final List<String> INSTANCES = List.of("ins-shop0001", "ins-shop0002");

  // the reconciler's line for the failover decision (RouteReconciler), after the time of day
  private static final Pattern DECIDED =
      Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*FAILED_OVER .*: failover: ");
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  /**
   * What one run measured; the write and the decision are empty when the old leader wrote before it
   * died (no write was pending).
   *
   * @param decision fault → the new leader's decision to fail over, from its log (whose time of day
   *     is the host's, in its zone)
   */
  record Times(
      String fault,
      String from,
      String to,
      Duration grant,
      Optional<Duration> decision,
      Optional<Duration> write) {}

  private TakeoverRun() {}

  /** {@code kills} kill -9 runs, then {@code stops} SIGSTOP runs, on one group. */
  static List<Times> run(int kills, int stops, Duration sessionTimeout) throws Exception {
    Path dir =
        Files.createDirectories(
            Path.of(
                "target",
                "ha-bench",
                "takeover-" + sessionTimeout.toSeconds() + "s-" + Instant.now()));
    System.out.println("ha-bench takeover: logs under " + dir);
    List<Times> out = new ArrayList<>();
    LoadSampler load = new LoadSampler();
    try (NemesisCluster group = NemesisCluster.start(dir, 3, Set.of(), SERVICES, sessionTimeout)) {
      for (int i = 1; i <= kills + stops; i++) {
        boolean kill = i <= kills;
        Times t = once(group, kill, sessionTimeout);
        load.sample();
        System.out.printf(
            Locale.ROOT,
            "%s %d: %s → %s, grant %d ms, decision %s, first write %s (%s)%n",
            t.fault(),
            i,
            t.from(),
            t.to(),
            t.grant().toMillis(),
            t.decision().map(d -> d.toMillis() + " ms").orElse("none"),
            t.write().map(w -> w.toMillis() + " ms").orElse("none owed"),
            load);
        out.add(t);
      }
      List<CloudWrite> stale = staleWrites(group);
      System.out.printf(
          Locale.ROOT,
          "writes by a replica after a newer epoch began: %d%s%n",
          stale.size(),
          stale.isEmpty() ? "" : " " + stale);
    }
    return out;
  }

  private static Times once(NemesisCluster group, boolean kill, Duration sessionTimeout)
      throws Exception {
    SandboxProcess cloud = group.sandbox();
    String leader = settled(group);
    long epochBefore = lastGrant(group).epoch();
    Instant fault = Instant.now();
    ReplicaProcess old = group.replica(leader);
    if (kill) {
      old.process().kill9();
    } else {
      old.process().pause();
    }
    // then the CVM fails: a failover is owed, and only a new leader can make it
    INSTANCES.forEach(id -> cloud.post("/admin/instances/" + id + "/stop"));
    EpochGrant grant =
        await("a new epoch after " + leader + " died")
            .atMost(BOUND)
            .until(() -> lastGrant(group), g -> g.epoch() > epochBefore);
    // a false DOWN of a starved host can fail shop over between the settling and the fault: then
    // no write is owed, and the run measures the grant only
    boolean pending = onCvmOnly(routingAt(cloud, fault));
    Optional<CloudWrite> write =
        pending
            ? await("the new leader's first write")
                .atMost(BOUND)
                .until(() -> firstWriteSince(cloud, fault, leader), Optional::isPresent)
            : Optional.empty();
    boolean oldWrote =
        cloud.mutations().stream()
            .anyMatch(w -> w.credential().equals(leader) && !w.time().isBefore(fault));
    if (kill) {
      group.startReplica(leader);
    } else {
      // past the session timeout by now (a new epoch began); it wakes up deposed
      old.process().resume();
    }
    INSTANCES.forEach(id -> cloud.post("/admin/instances/" + id + "/start"));
    group.replica(leader).awaitReady();
    if (oldWrote) {
      System.out.println(leader + " wrote after its fault: see the check at the end");
    }
    Optional<Duration> decision =
        write.flatMap(
            w ->
                decidedAfter(group.replica(grant.replica()).process().output(), fault)
                    .map(at -> Duration.between(fault, at)));
    return new Times(
        kill ? "kill -9" : "SIGSTOP",
        leader,
        grant.replica(),
        Duration.between(fault, grant.start()),
        decision,
        write.map(w -> Duration.between(fault, w.time())));
  }

  /**
   * The first failover decision its log records after {@code fault}. The log gives the time of day
   * alone (in the host's zone): each line is read on the day that puts it nearest the fault, so a
   * run across midnight reads the day before's lines as before it.
   */
  static Optional<Instant> decidedAfter(String log, Instant fault) {
    ZonedDateTime day = fault.atZone(ZoneId.systemDefault());
    Matcher m = DECIDED.matcher(log);
    while (m.find()) {
      LocalTime time = LocalTime.parse(m.group(1), LOG_TIME);
      Instant at =
          java.util.stream.Stream.of(day.minusDays(1), day, day.plusDays(1))
              .map(d -> d.with(time).toInstant())
              .min(java.util.Comparator.comparing(i -> Duration.between(i, fault).abs()))
              .orElseThrow();
      if (!at.isBefore(fault)) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }

  /** The rule's last routing change at or before {@code at}. */
  private static Optional<RoutingChange> routingAt(SandboxProcess cloud, Instant at) {
    return cloud.routing().stream()
        .filter(c -> c.resource().equals(RoutingTally.RULE) && !c.time().isAfter(at))
        .reduce((a, b) -> b);
  }

  private static boolean onCvmOnly(Optional<RoutingChange> change) {
    return change.isPresent()
        && change.get().carrying().stream().noneMatch(t -> t.startsWith("scf:"));
  }

  /** Waits until shop is back on CVM only and one replica leads; returns its name. */
  private static String settled(NemesisCluster group) {
    return await("shop back on CVM under one leader")
        .atMost(BOUND)
        .until(
            () -> {
              boolean onCvm = onCvmOnly(routingAt(group.sandbox(), Instant.now()));
              List<String> leaders =
                  group.names().stream()
                      .filter(n -> ReplicaMetrics.parse(group.replica(n).metrics()).leader())
                      .toList();
              boolean allReady = group.names().stream().allMatch(n -> group.replica(n).ready());
              return onCvm && allReady && leaders.size() == 1 ? leaders.getFirst() : "";
            },
            name -> !name.isEmpty());
  }

  private static EpochGrant lastGrant(NemesisCluster group) throws Exception {
    return EpochHistory.read(group.zooKeeper().connectString(), ReplicaConfig.NAMESPACE).stream()
        .max(Comparator.comparingLong(EpochGrant::epoch))
        .orElseThrow(() -> new IllegalStateException("no epoch granted yet"));
  }

  private static Optional<CloudWrite> firstWriteSince(
      SandboxProcess cloud, Instant since, String notBy) {
    return cloud.mutations().stream()
        .filter(w -> !w.time().isBefore(since) && !w.credential().equals(notBy))
        .findFirst();
  }

  /**
   * The writes made by a replica other than the one whose epoch was in force when the write was
   * made: a deposed leader's writes, which fencing must prevent (the checker's first rule).
   */
  static List<CloudWrite> staleWrites(NemesisCluster group) throws Exception {
    List<EpochGrant> grants =
        EpochHistory.read(group.zooKeeper().connectString(), ReplicaConfig.NAMESPACE);
    return group.sandbox().mutations().stream()
        .filter(
            w ->
                grants.stream()
                    .filter(g -> !g.start().isAfter(w.time()))
                    .reduce((a, b) -> b)
                    .map(g -> !g.replica().equals(w.credential()))
                    .orElse(false))
        .toList();
  }
}
