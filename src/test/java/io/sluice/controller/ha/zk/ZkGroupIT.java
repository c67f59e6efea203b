package io.sluice.controller.ha.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.ha.FencedOut;
import io.sluice.controller.ha.FencedRecords.Fenced;
import io.sluice.controller.ha.HaSettings;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.Role;
import io.sluice.controller.ha.SharedDoc;
import io.sluice.controller.ha.SharedDoc.Versioned;
import io.sluice.controller.ha.VerdictExchange.Received;
import io.sluice.controller.ha.VerdictExchange.Report;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ZkGroup on real ZooKeeper ensembles in this JVM (three servers; one where the test stops it):
 * election and epochs, fencing, suspension, shared documents, the verdict exchange, and joining.
 */
final class ZkGroupIT {
  private static final Duration SESSION = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final AtomicInteger GROUPS = new AtomicInteger();

  private static TestingCluster cluster;
  private static Vertx vertx;

  private final List<ZkGroup> started = new ArrayList<>();
  private final List<AutoCloseable> others = new ArrayList<>();
  private final String namespace = "group" + GROUPS.incrementAndGet();

  @BeforeAll
  static void ensemble() throws Exception {
    cluster = ZkEnsembles.cluster(3);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void shutDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    cluster.close();
  }

  @AfterEach
  void leave() throws Exception {
    started.forEach(ZkGroup::close);
    for (AutoCloseable other : others) {
      other.close();
    }
  }

  @Test
  void oneOfThreeLeadsAndEachNewLeaderTakesANewerEpoch() {
    List<ZkGroup> group = List.of(join("a"), join("b"), join("c"));

    ZkGroup first = awaitOneLeader(group);
    long firstEpoch = first.leadership().epoch();
    assertThat(firstEpoch).isPositive();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                group.forEach(
                    r -> {
                      assertThat(r.leadership().leader())
                          .map(ReplicaInfo::name)
                          .contains(first.replica());
                      assertThat(r.leadership().groupEpoch())
                          .as("%s reads the group's epoch", r.replica())
                          .isEqualTo(firstEpoch);
                    }));
    assertThat(first.replicas()).extracting(ReplicaInfo::name).containsExactly("a", "b", "c");

    first.close();
    List<ZkGroup> rest = group.stream().filter(r -> r != first).toList();
    ZkGroup second = awaitOneLeader(rest);

    assertThat(second.leadership().epoch()).isGreaterThan(firstEpoch);
    assertThat(first.leadership().role()).isEqualTo(Role.FOLLOWING);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(second.replicas()).extracting(ReplicaInfo::name).hasSize(2));
  }

  @Test
  void roleChangesAndFuturesComeOnTheDaemonsContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Boolean> onContext = new CopyOnWriteArrayList<>();
    ZkGroup a = replica("a", cluster.getConnectString(), context);
    a.leadership().onRoleChange(role -> onContext.add(Vertx.currentContext() == context));
    Future<Void> start = a.start();
    started.add(a);
    List<Boolean> startedOn = new CopyOnWriteArrayList<>();
    start.onComplete(done -> startedOn.add(Vertx.currentContext() == context));
    result(start);

    awaitOneLeader(List.of(a));
    await().atMost(WAIT).until(() -> !onContext.isEmpty());
    assertThat(onContext).containsOnly(true);
    assertThat(startedOn).containsExactly(true);
    SimpleMeterRegistry meters = registryOf(a);
    assertThat(meters.get(MeterNames.HA_LEADER).gauge().value()).isEqualTo(1.0);
    assertThat(meters.get(MeterNames.HA_EPOCH).gauge().value()).isEqualTo(a.leadership().epoch());
    assertThat(meters.get(MeterNames.HA_ELECTIONS).counter().count()).isEqualTo(1.0);
    assertThat(meters.get(MeterNames.HA_LEASE).gauge().value()).isPositive();
    await().atMost(WAIT).until(() -> meters.get(MeterNames.HA_REPLICAS).gauge().value() == 1.0);
  }

  @Test
  void aKilledLeadersSessionElectsAnotherInANewerEpochAndFencesTheOldOneOut() throws Exception {
    List<ZkGroup> group = List.of(join("a"), join("b"), join("c"));
    ZkGroup old = awaitOneLeader(group);
    long oldEpoch = old.leadership().epoch();
    result(old.fenced().put("intent/shop/shop", oldEpoch, bytes("old plan")));

    KillSession.kill(old.curator().getZookeeperClient().getZooKeeper());

    // the expiry reaches the old leader through Curator's event thread
    await().atMost(WAIT).until(() -> old.leadership().role() == Role.FOLLOWING);
    assertThat(old.leadership().actFor(System.nanoTime())).isZero();
    ZkGroup next = awaitLeaderAfter(group, oldEpoch);
    result(next.fenced().put("intent/shop/shop", next.leadership().epoch(), bytes("new plan")));

    Throwable refused = failure(old.fenced().put("intent/shop/shop", oldEpoch, bytes("stale")));

    assertThat(refused).isInstanceOf(FencedOut.class);
    Fenced record = result(next.fenced().get("intent/shop/shop")).orElseThrow();
    assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo("new plan");
    assertThat(record.epoch()).isEqualTo(next.leadership().epoch());
    assertThat(record.replica()).isEqualTo(next.replica());
    assertThat(registryOf(old).get(MeterNames.HA_FENCED_OUT).counter().count()).isEqualTo(1.0);
    // the old leader runs again, on its new session
    CuratorFramework raw = rawClient();
    await().atMost(WAIT).until(() -> runsOnItsSession(raw, old));
    assertThat(old.leadership().role()).isEqualTo(Role.FOLLOWING);
  }

  @Test
  void aPutIsFencedByZooKeeperWhenANewerEpochBeganUnheard() throws Exception {
    ZkGroup a = join("a");
    awaitOneLeader(List.of(a));
    long epoch = a.leadership().epoch();
    result(a.fenced().put("policy/shop/shop", epoch, bytes("failing back since t")));
    CuratorFramework raw = rawClient();

    // as a grant this replica has not heard of yet would: /epoch's version moves on
    raw.setData().forPath(ZkPaths.EPOCH, bytes("elsewhere"));
    Throwable refused = failure(a.fenced().put("policy/shop/shop", epoch, bytes("stale")));

    assertThat(refused).isInstanceOf(FencedOut.class);
    Fenced record = ZkJson.fenced(raw.getData().forPath(ZkPaths.fenced("policy/shop/shop")));
    assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo("failing back since t");
    assertThat(record.groupMillis()).isCloseTo(System.currentTimeMillis(), within(60_000L));
  }

  @Test
  void aFollowerPutsNothing() {
    List<ZkGroup> group = List.of(join("a"), join("b"));
    ZkGroup leader = awaitOneLeader(group);
    ZkGroup follower = group.get(0) == leader ? group.get(1) : group.get(0);

    Throwable refused =
        failure(follower.fenced().put("intent/shop/shop", leader.leadership().epoch(), bytes("x")));

    assertThat(refused).isInstanceOf(FencedOut.class);
    assertThat(result(leader.fenced().get("intent/shop/shop"))).isEmpty();
  }

  @Test
  void aSuspendedLeaderStopsActingAtOnceAndLeadsAgainOnlyInANewEpoch() throws Exception {
    TestingServer server = ZkEnsembles.server();
    others.add(server);
    ZkGroup a = replica("a", server.getConnectString(), vertx.getOrCreateContext());
    result(a.start());
    started.add(a);
    awaitOneLeader(List.of(a));
    long epoch = a.leadership().epoch();
    SimpleMeterRegistry meters = registryOf(a);

    server.stop();
    await().atMost(WAIT).until(() -> meters.get(MeterNames.HA_CONNECTED).gauge().value() == 0.0);

    // the lease alone would still run: suspension, not the lease, stops it
    assertThat(a.leadership().actFor(System.nanoTime())).isZero();
    assertThat(a.leadership().role()).isEqualTo(Role.FOLLOWING);
    assertThat(failure(a.fenced().put("intent/shop/shop", epoch, bytes("x"))))
        .isInstanceOf(FencedOut.class);

    server.restart();
    await()
        .atMost(WAIT)
        .until(() -> a.leadership().role() == Role.LEADING && a.leadership().epoch() > epoch);
    assertThat(a.leadership().actFor(System.nanoTime())).isPositive();
  }

  @Test
  void losingItsZooKeeperServerCostsTheLeaderItsEpochAndTheGroupLeadsAgainInANewerOne()
      throws Exception {
    List<ZkGroup> group = List.of(join("a"), join("b"), join("c"));
    ZkGroup leader = awaitOneLeader(group);
    long epoch = leader.leadership().epoch();
    List<Role> heard = new CopyOnWriteArrayList<>();
    leader.leadership().onRoleChange(heard::add);
    InstanceSpec server =
        cluster.findConnectionInstance(leader.curator().getZookeeperClient().getZooKeeper());

    cluster.killServer(server);
    try {
      await().atMost(WAIT).until(() -> heard.contains(Role.FOLLOWING));
      ZkGroup next = awaitLeaderAfter(group, epoch);
      result(next.fenced().put("intent/shop/shop", next.leadership().epoch(), bytes("on")));
    } finally {
      cluster.restartServer(server);
    }
  }

  @Test
  void aSharedDocumentChangesByCompareAndSetAndEveryReplicaSeesIt() {
    ZkGroup a = join("a");
    ZkGroup b = join("b");
    SharedDoc onA = a.doc("overrides");
    SharedDoc onB = b.doc("overrides");
    List<Optional<Versioned>> seenByA = new CopyOnWriteArrayList<>();
    onA.watch(seenByA::add);

    Versioned first = result(onA.replace(bytes("freeze shop"), Versioned.NONE));

    assertThat(first.version()).isZero();
    await().atMost(WAIT).until(() -> onB.current().isPresent());
    assertThat(failure(onB.replace(bytes("resume shop"), Versioned.NONE)))
        .isInstanceOf(SharedDoc.Conflict.class);
    Versioned second = result(onB.replace(bytes("resume shop"), first.version()));
    assertThat(failure(onA.replace(bytes("late"), first.version())))
        .isInstanceOf(SharedDoc.Conflict.class);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(onA.current())
                    .map(v -> new String(v.data(), StandardCharsets.UTF_8))
                    .contains("resume shop"));
    assertThat(onA.current().orElseThrow().version()).isEqualTo(second.version());
    // read() goes to ZooKeeper: what b wrote, and nothing for a document never written
    assertThat(result(onA.read())).map(Versioned::version).contains(second.version());
    assertThat(result(a.doc("never-written").read())).isEmpty();
    assertThat(seenByA)
        .extracting(v -> v.map(Versioned::version).orElse(-2))
        .containsSubsequence(0, 1);

    // a replica that joins now has the document once it has started
    ZkGroup c = replica("c", cluster.getConnectString(), vertx.getOrCreateContext());
    started.add(c);
    SharedDoc onC = c.doc("overrides");
    result(c.start());
    assertThat(onC.current()).map(Versioned::version).contains(second.version());
  }

  @Test
  void verdictsReachTheOthersRepeatedlyAndALeaverIsHeardAsNoVerdicts() {
    ZkGroup a = join("a");
    ZkGroup b = join("b");
    ZkGroup c = join("c");
    List<Received> atB = new CopyOnWriteArrayList<>();
    List<Received> atC = new CopyOnWriteArrayList<>();
    b.verdicts().onReport(atB::add);
    c.verdicts().onReport(atC::add);
    Map<String, Map<Backend, Verdict>> seen =
        Map.of("shop", Map.of(Backend.CVM, Verdict.DOWN, Backend.SCF, Verdict.UP));

    a.verdicts().publish(new Report("a", 1, seen));

    // the first report, then its repeats every publishEvery, each with a newer seq
    await().atMost(WAIT).until(() -> fromA(atB).size() >= 3 && !fromA(atC).isEmpty());
    assertThat(fromA(atB)).allSatisfy(r -> assertThat(r.report().verdicts()).isEqualTo(seen));
    assertThat(fromA(atB)).extracting(r -> r.report().seq()).isSorted().doesNotHaveDuplicates();
    // a watch may see only the newest version of the node: the first report heard may be a repeat
    assertThat(fromA(atB).get(0).report().seq()).isPositive();

    a.close();

    await()
        .atMost(WAIT)
        .until(() -> fromA(atC).stream().anyMatch(r -> r.report().verdicts().isEmpty()));
    assertThat(atB).noneMatch(r -> r.report().replica().equals("b"));
  }

  @Test
  void aLeaderWhoseWallClockJumpsStepsOutOfTheElectionUntilItAgreesAgain() throws Exception {
    List<ZkGroup> group = List.of(join("a"), join("b"), join("c"));
    ZkGroup jumped = awaitOneLeader(group);
    long epoch = jumped.leadership().epoch();
    CuratorFramework raw = rawClient();
    await().atMost(WAIT).until(() -> candidates(raw) == 3);

    wallOffsets.get(jumped).set(Duration.ofMinutes(10).toMillis());

    ZkGroup next = awaitLeaderAfter(group, epoch);
    assertThat(next).isNotSameAs(jumped);
    assertThat(jumped.leadership().role()).isEqualTo(Role.FOLLOWING);
    SimpleMeterRegistry meters = registryOf(jumped);
    assertThat(meters.get(MeterNames.HA_CLOCK_IN_STEP).gauge().value()).isZero();
    assertThat(meters.get(MeterNames.HA_CLOCK_SKEW).gauge().value()).isCloseTo(600.0, within(5.0));
    await().atMost(WAIT).until(() -> candidates(raw) == 2);
    assertThat(registryOf(next).get(MeterNames.HA_CLOCK_IN_STEP).gauge().value()).isEqualTo(1.0);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(jumped.leadership().leader())
                    .as("out of the election, it still names the leader")
                    .map(ReplicaInfo::name)
                    .contains(next.replica()));

    wallOffsets.get(jumped).set(0);

    await()
        .atMost(WAIT)
        .until(() -> meters.get(MeterNames.HA_CLOCK_IN_STEP).gauge().value() == 1.0);
    await().atMost(WAIT).until(() -> candidates(raw) == 3);
    assertThat(next.leadership().role()).as("the new leader keeps leading").isEqualTo(Role.LEADING);
  }

  /** How many replicas run for leadership now (the latch's nodes). */
  private static int candidates(CuratorFramework raw) throws Exception {
    return raw.checkExists().forPath(ZkPaths.LEADER) == null
        ? 0
        : raw.getChildren().forPath(ZkPaths.LEADER).size();
  }

  @Test
  void aSecondReplicaOfTheSameNameIsRefused() {
    join("a");
    // it waits a session timeout and a connection timeout for the name to be freed: keep them short
    ZkGroup twin =
        replica("a", cluster.getConnectString(), vertx.getOrCreateContext(), Duration.ofSeconds(1));
    started.add(twin);

    Throwable refused = failure(twin.start());

    assertThat(refused).hasMessageContaining("'a'").hasMessageContaining("taken");
  }

  @Test
  void anUnreachableEnsembleFailsTheStartNamingIt() {
    ZkGroup lonely =
        replica("a", "127.0.0.1:9", vertx.getOrCreateContext(), Duration.ofMillis(500));
    started.add(lonely);

    assertThat(failure(lonely.start())).hasMessageContaining("127.0.0.1:9");
  }

  /** Whether {@code replica} has a latch node of its current session under /leader. */
  private static boolean runsOnItsSession(CuratorFramework raw, ZkGroup replica) throws Exception {
    long session = replica.curator().getZookeeperClient().getZooKeeper().getSessionId();
    for (String child : raw.getChildren().forPath(ZkPaths.LEADER)) {
      Stat stat = new Stat();
      byte[] id = raw.getData().storingStatIn(stat).forPath(ZkPaths.LEADER + "/" + child);
      if (stat.getEphemeralOwner() == session
          && ZkJson.replicaInfo(id).name().equals(replica.replica())) {
        return true;
      }
    }
    return false;
  }

  private static List<Received> fromA(List<Received> received) {
    return received.stream().filter(r -> r.report().replica().equals("a")).toList();
  }

  private ZkGroup join(String name) {
    ZkGroup replica = replica(name, cluster.getConnectString(), vertx.getOrCreateContext());
    started.add(replica);
    result(replica.start());
    return replica;
  }

  private ZkGroup replica(String name, String connect, Context context) {
    return replica(name, connect, context, Duration.ofSeconds(5));
  }

  private final Map<ZkGroup, SimpleMeterRegistry> registries = new java.util.HashMap<>();
  private final Map<ZkGroup, java.util.concurrent.atomic.AtomicLong> wallOffsets =
      new java.util.HashMap<>();

  private ZkGroup replica(String name, String connect, Context context, Duration connecting) {
    HaSettings settings =
        new HaSettings(
            connect,
            namespace,
            name,
            "http://" + name + ":7070",
            SESSION,
            connecting,
            Duration.ofMillis(200),
            Duration.ofSeconds(5));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    java.util.concurrent.atomic.AtomicLong wallOffset =
        new java.util.concurrent.atomic.AtomicLong();
    ZkGroup group =
        new ZkGroup(
            settings,
            context,
            System::nanoTime,
            () -> System.currentTimeMillis() + wallOffset.get(),
            registry);
    registries.put(group, registry);
    wallOffsets.put(group, wallOffset);
    return group;
  }

  private SimpleMeterRegistry registryOf(ZkGroup group) {
    return registries.get(group);
  }

  private CuratorFramework rawClient() {
    CuratorFramework raw =
        CuratorFrameworkFactory.builder()
            .connectString(cluster.getConnectString())
            .namespace(namespace)
            .retryPolicy(new RetryOneTime(100))
            .build();
    raw.start();
    others.add(raw);
    return raw;
  }

  private static ZkGroup awaitOneLeader(List<ZkGroup> group) {
    return await()
        .atMost(WAIT)
        .until(
            () -> group.stream().filter(r -> r.leadership().role() == Role.LEADING).toList(),
            leaders -> leaders.size() == 1)
        .get(0);
  }

  /** The replica that leads in an epoch newer than {@code epoch}, once one does. */
  private static ZkGroup awaitLeaderAfter(List<ZkGroup> group, long epoch) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                group.stream()
                    .filter(r -> r.leadership().role() == Role.LEADING)
                    .filter(r -> r.leadership().epoch() > epoch)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T result(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("succeeded, where it should have failed");
  }
}
