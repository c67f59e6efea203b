package io.sluice.controller.group;

import io.sluice.controller.api.Tokens;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ControllerConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.daemon.CloudActuators;
import io.sluice.controller.daemon.Daemon;
import io.sluice.controller.daemon.DaemonOptions;
import io.sluice.controller.daemon.EmbeddedCloud;
import io.sluice.controller.daemon.ReplicaSettings;
import io.sluice.controller.daemon.SandboxDaemon;
import io.sluice.controller.ha.HaSettings;
import io.sluice.controller.ha.zk.ZkEnsembles;
import io.sluice.nemesis.TcpProxy;
import io.sluice.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingCluster;

/**
 * Three daemons of service shop (src/test/resources/group/shop.yaml) in this JVM, replicas zone-a,
 * zone-b and zone-c of one group on a three-server ZooKeeper ensemble, on one embedded sandbox
 * (examples/demo/world.yaml), each with its own state directory and an API on a free port.
 */
final class ReplicaGroup implements AutoCloseable {
  static final Path CONFIG = Path.of("src", "test", "resources", "group", "shop.yaml");
  private static final Path WORLD = Path.of("examples", "demo", "world.yaml");
  private static final List<String> SHOP_INSTANCES = List.of("ins-shop0001", "ins-shop0002");

  /** The replicas' APIs, called with the config's admin token. */
  final GroupApi api;

  private final TestingCluster zookeeper;
  private final EmbeddedCloud cloud;
  private final SluiceConfig config;
  private final Map<String, Daemon> running = new LinkedHashMap<>();
  private final Map<String, List<TcpProxy>> proxies = new LinkedHashMap<>();

  private ReplicaGroup(
      TestingCluster zookeeper, EmbeddedCloud cloud, SluiceConfig config, String token) {
    this.zookeeper = zookeeper;
    this.cloud = cloud;
    this.config = config;
    this.api = new GroupApi(token);
  }

  /**
   * Starts the ensemble, the sandbox and one daemon per vantage point, each with its state in
   * {@code dir}/replica.
   */
  static ReplicaGroup start(Path dir) throws Exception {
    TestingCluster zookeeper = ZkEnsembles.cluster(3);
    EmbeddedCloud cloud = null;
    ReplicaGroup group = null;
    try {
      cloud = EmbeddedCloud.start(WORLD);
      String token = Tokens.generate();
      Map<String, String> variables =
          Map.of(
              "ZK_CONNECT", zookeeper.getConnectString(),
              "ZK_NAMESPACE", "group-it",
              "ADMIN_TOKEN_SHA256", Tokens.sha256(token));
      SluiceConfig config =
          new ConfigLoader(cloud.env(name -> variables.getOrDefault(name, System.getenv(name))))
              .load(CONFIG);
      group = new ReplicaGroup(zookeeper, cloud, config, token);
      for (String replica : group.config.controller().vantagePoints()) {
        group.startReplica(replica, Files.createDirectories(dir.resolve(replica)));
      }
      return group;
    } catch (Exception | Error e) {
      if (group != null) {
        group.close();
      } else {
        if (cloud != null) {
          cloud.close();
        }
        zookeeper.close();
      }
      throw e;
    }
  }

  private void startReplica(String replica, Path stateDir) throws Exception {
    List<TcpProxy> own =
        zookeeper.getInstances().stream().map(server -> TcpProxy.to(server.getPort())).toList();
    proxies.put(replica, own);
    HaSettings configured =
        ReplicaSettings.of(
            ha(),
            Optional.of(replica),
            config.controller().vantagePoints(),
            "localhost",
            "http",
            "127.0.0.1",
            0);
    // this replica reaches each server through a proxy of its own, which cut() severs
    String connect =
        own.stream().map(p -> "127.0.0.1:" + p.port()).collect(Collectors.joining(","));
    HaSettings ha =
        new HaSettings(
            connect,
            configured.namespace(),
            configured.replica(),
            configured.advertise(),
            configured.sessionTimeout(),
            configured.connectionTimeout(),
            configured.publishEvery(),
            configured.staleAfter());
    DaemonOptions options = SandboxDaemon.options(cloud, stateDir, Clock.systemUTC()).withHa(ha);
    running.put(
        replica, Daemon.start(config, cloud.credential(), options, CloudActuators.builder()));
  }

  /**
   * Cuts the replica off from every ZooKeeper server, as a partition the kernel reports would: it
   * suspends at once and hears its session lost after the session timeout, when the ensemble has
   * expired it too (and elected another leader).
   */
  void cut(String replica) {
    proxies.get(replica).forEach(TcpProxy::sever);
  }

  /** Lets the replica reach ZooKeeper again. */
  void heal(String replica) {
    proxies.get(replica).forEach(TcpProxy::heal);
  }

  SluiceConfig config() {
    return config;
  }

  /** The group's settings as the config gives them (each replica's name aside). */
  ControllerConfig.Ha ha() {
    return config.controller().ha().orElseThrow();
  }

  Sandbox sandbox() {
    return cloud.sandbox();
  }

  /** The replicas still running, by name. */
  Map<String, Daemon> running() {
    return Map.copyOf(running);
  }

  Daemon daemon(String replica) {
    return running.get(replica);
  }

  int port(String replica) {
    return running.get(replica).httpPort();
  }

  /** Closes one replica, as its process would on SIGTERM: it leaves the group at once. */
  void close(String replica) {
    running.remove(replica).close();
  }

  /** Stops every CVM instance of shop: its CVM backend goes DOWN at every vantage point. */
  void stopCvm() {
    SHOP_INSTANCES.forEach(id -> sandbox().instances().stop(id));
    sandbox().reconcileInstances();
  }

  void startCvm() {
    SHOP_INSTANCES.forEach(id -> sandbox().instances().start(id));
    sandbox().reconcileInstances();
  }

  @Override
  public void close() throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (String replica : List.copyOf(running.keySet())) {
      try {
        close(replica);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    proxies.values().forEach(own -> own.forEach(TcpProxy::close));
    cloud.close();
    zookeeper.close();
    if (!failures.isEmpty()) {
      throw failures.getFirst();
    }
  }
}
