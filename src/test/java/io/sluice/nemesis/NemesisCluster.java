package io.sluice.nemesis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A whole nemesis world of real processes: the ensemble, the sandbox and the replicas {@code
 * r1..rN} in one group, each replica reaching every ZooKeeper server through a {@link TcpProxy} of
 * its own, so that any one replica can be cut off from the ensemble ({@link #cutFromZooKeeper})
 * while the others keep it. What each nemesis needs is here; what a run promised is judged by
 * {@link #check}.
 */
final class NemesisCluster implements AutoCloseable {
  private final Path dir;
  private final ZooKeeperEnsemble zooKeeper;
  private final SandboxProcess sandbox;
  private final List<String> names;
  private final Path services;
  private final Duration sessionTimeout;
  private final Map<String, List<TcpProxy>> proxies = new LinkedHashMap<>();
  private final Map<String, ReplicaProcess> replicas = new LinkedHashMap<>();
  private final Map<String, Optional<Faketime>> clocks = new LinkedHashMap<>();

  private NemesisCluster(
      Path dir,
      ZooKeeperEnsemble zooKeeper,
      SandboxProcess sandbox,
      List<String> names,
      Path services,
      Duration sessionTimeout) {
    this.dir = dir;
    this.zooKeeper = zooKeeper;
    this.sandbox = sandbox;
    this.names = List.copyOf(names);
    this.services = services;
    this.sessionTimeout = sessionTimeout;
  }

  /**
   * Starts a three-server ensemble, the sandbox and {@code replicas} replicas, and waits until
   * every replica is ready.
   *
   * @param withClock the replicas that run on a {@link Faketime} clock (fails the test without the
   *     {@code faketime} package)
   */
  static NemesisCluster start(Path dir, int replicas, Set<String> withClock) throws Exception {
    return start(dir, replicas, withClock, ReplicaConfig.SERVICES, ReplicaConfig.SESSION_TIMEOUT);
  }

  /**
   * The same with other services than the suite's (a benchmark's policy, say) and another session
   * timeout.
   */
  static NemesisCluster start(
      Path dir, int replicas, Set<String> withClock, Path services, Duration sessionTimeout)
      throws Exception {
    SluiceJar.require();
    ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(dir.resolve("zk"), 3);
    SandboxProcess sandbox;
    try {
      sandbox = SandboxProcess.start(NemesisWorld.SCENARIO, dir);
    } catch (RuntimeException | IOException e) {
      zk.close();
      throw e;
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= replicas; i++) {
      names.add("r" + i);
    }
    NemesisCluster cluster = new NemesisCluster(dir, zk, sandbox, names, services, sessionTimeout);
    try {
      org.awaitility.Awaitility.await("the ensemble to elect a leader")
          .atMost(Duration.ofSeconds(120))
          .until(zk::serving);
      for (String name : names) {
        cluster.proxies.put(
            name, zk.servers().stream().map(s -> TcpProxy.to(s.clientPort())).toList());
        cluster.clocks.put(
            name,
            withClock.contains(name)
                ? Optional.of(Faketime.require(dir.resolve(name).resolve("faketime-offset")))
                : Optional.empty());
        cluster.startReplica(name);
      }
      cluster.replicas.values().forEach(ReplicaProcess::awaitReady);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** (Re)starts a replica on its state directory, its proxies and its clock. */
  ReplicaProcess startReplica(String name) throws IOException {
    String connect =
        proxies.get(name).stream()
            .map(p -> "127.0.0.1:" + p.port())
            .collect(Collectors.joining(","));
    ReplicaProcess replica =
        ReplicaProcess.start(
            name,
            sandbox,
            dir,
            Optional.of(new ReplicaConfig.Group(connect, names, sessionTimeout)),
            clocks.get(name),
            services);
    replicas.put(name, replica);
    return replica;
  }

  /**
   * The replica every answering replica names as leader, when it says itself that it leads; empty
   * while they disagree or none leads.
   */
  Optional<String> leader() {
    Set<String> named = new java.util.TreeSet<>();
    for (ReplicaProcess r : replicas.values()) {
      if (!r.process().isAlive()) {
        continue;
      }
      Optional<io.vertx.core.json.JsonObject> group = r.group();
      if (group.isEmpty()) {
        continue; // paused, cut off or restarting: it does not vote
      }
      io.vertx.core.json.JsonObject leader = group.get().getJsonObject("leader");
      named.add(leader == null ? "" : leader.getString("name", ""));
    }
    if (named.size() != 1 || named.contains("")) {
      return Optional.empty();
    }
    String name = named.iterator().next();
    return replicas.get(name).leads() ? Optional.of(name) : Optional.empty();
  }

  ReplicaProcess replica(String name) {
    return replicas.get(name);
  }

  List<String> names() {
    return names;
  }

  ZooKeeperEnsemble zooKeeper() {
    return zooKeeper;
  }

  SandboxProcess sandbox() {
    return sandbox;
  }

  /** Cuts the replica off from every ZooKeeper server (its connections reset, new ones refused). */
  void cutFromZooKeeper(String name) {
    proxies.get(name).forEach(TcpProxy::sever);
  }

  void healZooKeeper(String name) {
    proxies.get(name).forEach(TcpProxy::heal);
  }

  /** Jumps the replica's wall clock to {@code offset} from real time. */
  void jumpClock(String name, Duration offset) throws IOException {
    clocks
        .get(name)
        .orElseThrow(() -> new IllegalStateException(name + " was not started with a clock"))
        .jumpTo(offset);
  }

  /** The group's grant history as the ensemble holds it now. */
  List<EpochGrant> epochs() throws Exception {
    return EpochHistory.read(zooKeeper.connectString(), ReplicaConfig.NAMESPACE);
  }

  /** The run's logs judged by {@link RunChecker}, read now. */
  List<Violation> check(
      Map<String, Duration> emptyAllowed,
      List<AcknowledgedOverride> overrides,
      Map<String, String> finalOverrides,
      Map<String, Set<String>> expected,
      Instant convergeBy,
      Duration slack)
      throws Exception {
    List<EpochGrant> epochs = epochs();
    return RunChecker.check(
        new RunChecker.Run(
            sandbox.mutations(),
            epochs,
            sandbox.routing(),
            emptyAllowed,
            overrides,
            finalOverrides,
            expected,
            convergeBy,
            Instant.now(),
            slack));
  }

  @Override
  public void close() {
    replicas.values().forEach(ReplicaProcess::close);
    proxies.values().forEach(list -> list.forEach(TcpProxy::close));
    sandbox.close();
    zooKeeper.close();
  }
}
