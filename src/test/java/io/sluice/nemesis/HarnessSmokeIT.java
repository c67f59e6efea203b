package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.Test;

/**
 * The nemesis harness end to end, with real processes only: a three-server ZooKeeper ensemble, the
 * sandbox and one replica alone (no ha section yet), from the packaged jar. The replica gets ready,
 * fails shop over when the sandbox fails every probe from its vantage point to the CVM listener (so
 * the mutation log has writes, each naming its key), is paused and resumed, then killed with
 * SIGKILL; the log still holds every write and the checker finds nothing wrong with the run. The
 * proxy a nemesis severs is checked against a ZooKeeper server.
 */
final class HarnessSmokeIT {
  private static final Duration ENSEMBLE_BOUND = Duration.ofSeconds(60);
  // fall 3 at 200 ms, a 100 ms task, the DNS write: well under this on any machine
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
  private static final String RULE = "clb:lb-cvm/lbl-cvm/loc-shopcvm";

  // not a temporary folder: the children's logs are what explains a failure
  private final Path dir =
      Path.of("target", "nemesis-it", String.valueOf(ProcessHandle.current().pid()));

  @Test
  void aSoloReplicaOnTheSandboxBesideAnEnsembleWritesUnderItsOwnKeyAndIsKilled() throws Exception {
    SluiceJar.require();
    try (ZooKeeperEnsemble zk = ZooKeeperEnsemble.start(dir.resolve("zk"), 3);
        SandboxProcess sandbox = SandboxProcess.start(NemesisWorld.SCENARIO, dir)) {
      await("the ensemble to elect a leader").atMost(ENSEMBLE_BOUND).until(zk::serving);
      assertThat(zk.leader()).isPresent();
      severedProxyCutsAServerOff(zk.servers().getFirst().clientPort());
      epochHistoryReadsTheGrantsBack(zk.connectString());

      try (ReplicaProcess r1 =
          ReplicaProcess.start("r1", sandbox, dir, Optional.empty(), Optional.empty())) {
        r1.awaitReady();
        Instant failedAt = Instant.now();
        // the CVM instances serve on; only r1's probes of them fail (its User-Agent names it)
        sandbox.loseProbes("r1", "lbl-cvm", 1.0, "fail", 1);
        // the whole failover (the function registered and the instances deregistered) before the
        // pause: the checker expects the rule on the function alone, and a kill right after the
        // first write left it mixed (CI)
        await("r1 to fail shop over to SCF")
            .atMost(FAILOVER_BOUND)
            .until(
                () ->
                    carrying(sandbox.routing(), RULE)
                        .equals(java.util.Set.of("scf:default/hello-clb:$LATEST")));

        r1.process().pause();
        await().atMost(Duration.ofSeconds(10)).until(() -> !r1.ready());
        r1.process().resume();
        await().atMost(Duration.ofSeconds(10)).until(r1::ready);

        r1.process().kill9();
        assertThat(r1.process().isAlive()).isFalse();

        List<CloudWrite> writes = sandbox.mutations();
        assertThat(writes).isNotEmpty().allSatisfy(w -> assertThat(w.credential()).isEqualTo("r1"));
        assertThat(writes).extracting(CloudWrite::resource).contains(RULE);
        Instant end = Instant.now();
        assertThat(
                RunChecker.check(
                    new RunChecker.Run(
                        writes,
                        List.of(), // alone: no group, no epochs
                        sandbox.routing(),
                        Map.of(),
                        List.of(),
                        Map.of(),
                        Map.of(RULE, java.util.Set.of("scf:default/hello-clb:$LATEST")),
                        failedAt.plus(FAILOVER_BOUND),
                        end,
                        Duration.ofMillis(5))))
            .isEmpty();
      }
    }
  }

  private static java.util.Set<String> carrying(List<RoutingChange> routing, String resource) {
    return routing.stream()
        .filter(c -> c.resource().equals(resource))
        .reduce((a, b) -> b)
        .map(RoutingChange::carrying)
        .orElse(java.util.Set.of());
  }

  private static void severedProxyCutsAServerOff(int zkPort) {
    try (TcpProxy proxy = TcpProxy.to(zkPort)) {
      assertThat(srvr(proxy.port())).contains("Mode: ");
      proxy.sever();
      assertThat(srvr(proxy.port())).isEmpty();
      proxy.heal();
      assertThat(srvr(proxy.port())).contains("Mode: ");
    }
  }

  /** Grants written as HA-DESIGN.md lays them out read back as the checker's epoch history. */
  private static void epochHistoryReadsTheGrantsBack(String connect) throws Exception {
    String namespace = "smoke";
    assertThat(EpochHistory.read(connect, namespace)).isEmpty();
    Instant before = Instant.now().minusSeconds(1);
    try (CuratorFramework client =
        CuratorFrameworkFactory.newClient(connect, new RetryNTimes(5, 500))) {
      client.start();
      for (String grant : List.of("0000000002:r2", "0000000001:r1")) {
        String[] parts = grant.split(":");
        client
            .create()
            .creatingParentsIfNeeded()
            .forPath(
                "/" + namespace + EpochHistory.EPOCHS + "/" + parts[0],
                parts[1].getBytes(StandardCharsets.UTF_8));
      }
    }

    List<EpochGrant> grants = EpochHistory.read(connect, namespace);

    assertThat(grants).extracting(EpochGrant::epoch).containsExactly(1L, 2L);
    assertThat(grants).extracting(EpochGrant::replica).containsExactly("r1", "r2");
    assertThat(grants).allSatisfy(g -> assertThat(g.start()).isAfter(before));
  }

  private static String srvr(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write("srvr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }
}
