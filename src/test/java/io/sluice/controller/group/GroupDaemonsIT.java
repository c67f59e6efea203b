package io.sluice.controller.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.observe.ReplicaOnlyMetrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three daemons of service shop as one replica group (docs/ha.md) on a three-server ZooKeeper
 * ensemble and one sandbox ({@link ReplicaGroup}), through one story whose steps build on each
 * other: one replica leads and every replica says so; shop fails over once, by the leader; its
 * failback wait outlives the leader's session, lost when it is cut off from ZooKeeper; an override
 * set through a follower outlives the leader's close and the new leader acts on it. Takeover times
 * are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class GroupDaemonsIT {
  private static final String ON_CVM = "cvm=100,scf=0";
  private static final String ON_SCF = "cvm=0,scf=100";
  private static final Duration POLL = Duration.ofMillis(50);
  // ZooKeeper's three servers and each replica's join, probes rising 2 x 1s, warm-up 3 ticks; then
  // slack for a loaded two-core machine
  private static final Duration READY_BOUND = Duration.ofSeconds(30);
  // fall 3 x 1s, confirmFor 2s, a tick, the CLB tasks (300 ms each); then slack
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(3 + 2 + 1 + 1 + 20);
  // probes rise 2 x 1s, a verdict report (publishEvery 500 ms) and a tick; then slack
  private static final Duration WAIT_STARTS_BOUND = Duration.ofSeconds(2 + 1 + 1 + 10);
  // a tick, the CLB tasks, the read-back; then slack
  private static final Duration MOVE_BOUND = Duration.ofSeconds(1 + 1 + 1 + 10);

  /**
   * What the new leader may add to the old leader's schedule besides the takeover: the tick at
   * which the old one started the wait, one tick to decide, and the CLB tasks (300 ms each) with
   * their read-back.
   */
  private static final Duration ACT = Duration.ofSeconds(1 + 1 + 1);

  private ReplicaGroup group;
  private Duration session;
  private Duration takeoverLimit;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    group = ReplicaGroup.start(dir);
    session = group.ha().sessionTimeout();
    // the promise: a dead leader is replaced within its session timeout plus 2 s
    takeoverLimit = session.plusSeconds(2);
    await("shop on CVM, read back by the leader")
        .atMost(READY_BOUND)
        .until(
            () -> group.api.shopActual(group.port(awaitOneLeader(0, READY_BOUND))).equals(ON_CVM));
  }

  @AfterAll
  void stop() throws Exception {
    if (group != null) {
      group.close();
    }
  }

  @Test
  @Order(1)
  void oneReplicaLeadsEveryReplicaNamesItAndExportsTheGroupsMetrics() throws Exception {
    String leader = awaitOneLeader(0, READY_BOUND);

    for (String replica : group.running().keySet()) {
      JsonObject view = group.api.group(group.port(replica));
      assertThat(view.getString("role"))
          .as(replica)
          .isEqualTo(replica.equals(leader) ? "leader" : "follower");
      assertThat(view.getJsonObject("leader").getString("name")).as(replica).isEqualTo(leader);
      assertThat(names(view.getJsonArray("replicas")))
          .as(replica)
          .containsExactly("zone-a", "zone-b", "zone-c");
    }
    for (String replica : group.running().keySet()) {
      // every replica's verdicts reach every other within a report or two
      await(replica + " sees every vantage point")
          .atMost(READY_BOUND)
          .until(
              () -> {
                String metrics = group.api.metrics(group.port(replica));
                return ReplicaOnlyMetrics.missingFrom(metrics).isEmpty()
                    && List.of("zone-a", "zone-b", "zone-c").stream()
                        .allMatch(v -> metrics.contains("vantage=\"" + v + "\""));
              });
      String metrics = group.api.metrics(group.port(replica));
      assertThat(GroupApi.sample(metrics, "sluice_ha_leader"))
          .as(replica)
          .isEqualTo(replica.equals(leader) ? 1.0 : 0.0);
      assertThat(GroupApi.sample(metrics, "sluice_ha_connected")).as(replica).isEqualTo(1.0);
    }
    assertThat(GroupApi.sample(group.api.metrics(group.port(leader)), "sluice_ha_epoch"))
        .isEqualTo((double) group.api.group(group.port(leader)).getLong("epoch"));
  }

  @Test
  @Order(2)
  void shopFailsOverOnceAndOnlyTheLeaderWrites() throws Exception {
    String leader = awaitOneLeader(0, READY_BOUND);
    long epoch = group.api.group(group.port(leader)).getLong("epoch");

    group.stopCvm();

    await("shop on SCF")
        .atMost(FAILOVER_BOUND)
        .until(() -> group.api.shopActual(group.port(leader)).equals(ON_SCF));
    // the audit entry is written once the change is over
    await()
        .atMost(MOVE_BOUND)
        .until(() -> !group.api.audit(group.port(leader), "route.change").isEmpty());
    List<JsonObject> changes = group.api.audit(group.port(leader), "route.change");
    assertThat(changes).hasSize(1);
    assertThat(changes.getFirst().getString("after")).isEqualTo(ON_SCF);
    assertThat(changes.getFirst().getString("replica")).isEqualTo(leader);
    assertThat(changes.getFirst().getLong("epoch")).isEqualTo(epoch);
    for (String follower : followersOf(leader)) {
      assertThat(group.api.audit(group.port(follower), "route.change")).as(follower).isEmpty();
    }
  }

  @Test
  @Order(3)
  void aFailbackWaitOutlivesTheLeaderCutOffFromZooKeeper() throws Exception {
    String old = awaitOneLeader(0, READY_BOUND);
    long oldEpoch = group.api.group(group.port(old)).getLong("epoch");
    Duration after =
        group.config().services().getFirst().policy().failover().orElseThrow().failback().after();

    group.startCvm();

    await("the old leader sees CVM UP again")
        .atMost(WAIT_STARTS_BOUND)
        .pollInterval(POLL)
        .until(() -> group.api.shopVerdict(group.port(old), "cvm").equals("UP"));
    // the wait starts at the policy's next tick: ACT allows for that tick
    Instant upSince = Instant.now();
    Instant scheduled = upSince.plus(after);
    // halfway through the wait: a new leader that started it again would fail back half a wait
    // late, well past the bound below
    await()
        .atMost(after)
        .pollInterval(POLL)
        .until(() -> Instant.now().isAfter(upSince.plus(after.dividedBy(2))));
    assertThat(group.api.shopActual(group.port(old))).isEqualTo(ON_SCF);

    long lost = System.nanoTime();
    group.cut(old);
    try {
      failsBackOnTheOldSchedule(old, oldEpoch, lost, scheduled, after);
    } finally {
      group.heal(old);
    }

    // back as a follower on a new session, naming the new leader
    assertThat(awaitOneLeader(oldEpoch, READY_BOUND)).isNotEqualTo(old);
  }

  private void failsBackOnTheOldSchedule(
      String old, long oldEpoch, long lost, Instant scheduled, Duration after) throws Exception {
    String next = awaitLeaderAfter(oldEpoch, takeoverLimit.plus(READY_BOUND));
    Duration takeover = Duration.ofNanos(System.nanoTime() - lost);

    Instant deadline = scheduled.plus(takeover).plus(ACT);
    await("the new leader fails back on the old schedule")
        .atMost(Duration.between(Instant.now(), deadline).plus(MOVE_BOUND))
        .pollInterval(POLL)
        .until(() -> group.api.shopActual(group.port(next)).equals(ON_CVM));
    Instant back = Instant.now();
    System.out.printf(
        "GroupDaemonsIT: leader %s cut off from ZooKeeper: %s led after %d ms (limit %d ms); failed"
            + " back %d ms after the old schedule (%s after %s of UP)%n",
        old,
        next,
        takeover.toMillis(),
        takeoverLimit.toMillis(),
        Duration.between(scheduled, back).toMillis(),
        next,
        after);
    assertThat(takeover).isLessThanOrEqualTo(takeoverLimit);
    // the ensemble expires the old session a session timeout after it last heard from it, which
    // its heartbeat (every publishEvery) keeps at most that long before the cut: no sooner
    assertThat(takeover)
        .as("a new leader only once the old session expired")
        .isGreaterThanOrEqualTo(session.minus(group.ha().publishEvery()));
    assertThat(back).as("failed back by the old schedule plus the takeover").isBefore(deadline);
    List<JsonObject> changes = group.api.audit(group.port(next), "route.change");
    assertThat(changes).hasSize(1);
    assertThat(changes.getFirst().getString("after")).isEqualTo(ON_CVM);
    assertThat(changes.getFirst().getLong("epoch")).isGreaterThan(oldEpoch);
    assertThat(Instant.parse(changes.getFirst().getString("time")))
        .as("the wait was served, not skipped")
        .isAfter(scheduled.minus(Duration.ofSeconds(1)));
    assertThat(group.api.audit(group.port(old), "route.change"))
        .as("the old leader wrote nothing after losing its session")
        .hasSize(1);
  }

  @Test
  @Order(4)
  void anOverrideSetThroughAFollowerOutlivesTheLeadersCloseAndTheNewLeaderActsOnIt()
      throws Exception {
    String leader = awaitOneLeader(0, READY_BOUND);
    long epoch = group.api.group(group.port(leader)).getLong("epoch");
    List<String> followers = followersOf(leader);

    GroupApi.Answer pinned =
        group.api.put(group.port(followers.get(0)), "/v1/services/shop/override", pin("scf"));

    assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
    await("the leader pins shop to SCF")
        .atMost(MOVE_BOUND)
        .until(() -> group.api.shopActual(group.port(leader)).equals(ON_SCF));
    long closing = System.nanoTime();
    group.close(leader);
    String next = awaitLeaderAfter(epoch, takeoverLimit.plus(READY_BOUND));
    Duration handover = Duration.ofNanos(System.nanoTime() - closing);
    System.out.printf(
        "GroupDaemonsIT: leader %s closed: %s led after %d ms (limit %d ms)%n",
        leader, next, handover.toMillis(), takeoverLimit.toMillis());
    assertThat(handover).isLessThanOrEqualTo(takeoverLimit);
    await("the new leader decides by the override")
        .atMost(MOVE_BOUND)
        .until(() -> group.api.shopRoute(group.port(next)).getString("phase").equals("OVERRIDDEN"));
    assertThat(group.api.shopActual(group.port(next))).isEqualTo(ON_SCF);

    assertThat(awaitOneLeader(epoch, READY_BOUND)).isEqualTo(next);
    String other = followersOf(next).getFirst();
    GroupApi.Answer repinned =
        group.api.put(group.port(other), "/v1/services/shop/override", pin("cvm"));

    assertThat(repinned.status()).as(repinned.body()).isEqualTo(200);
    await("the new leader pins shop to CVM")
        .atMost(MOVE_BOUND)
        .until(() -> group.api.shopActual(group.port(next)).equals(ON_CVM));
    await()
        .atMost(MOVE_BOUND)
        .ignoreExceptions()
        .until(() -> lastChange(next).getString("after").equals(ON_CVM));
    JsonObject change = lastChange(next);
    assertThat(change.getString("override")).contains("pin cvm");
    assertThat(change.getLong("epoch")).isGreaterThan(epoch);
    assertThat(change.getString("replica")).isEqualTo(next);
  }

  /**
   * Waits until exactly one running replica says it leads, in an epoch newer than {@code
   * newerThan}, and every other names it as the leader; returns its name.
   */
  private String awaitOneLeader(long newerThan, Duration bound) {
    return awaitLeader(
        "one leader named by all in an epoch after " + newerThan, newerThan, bound, true);
  }

  /**
   * Waits until a running replica says it leads in an epoch newer than {@code newerThan} (the
   * others may not know yet); returns its name.
   */
  private String awaitLeaderAfter(long newerThan, Duration bound) {
    return awaitLeader("a leader in an epoch after " + newerThan, newerThan, bound, false);
  }

  private String awaitLeader(String alias, long newerThan, Duration bound, boolean namedByAll) {
    AtomicReference<String> leader = new AtomicReference<>();
    await(alias)
        .atMost(bound)
        .pollInterval(POLL)
        .ignoreExceptions()
        .until(
            () -> {
              List<String> leading = new ArrayList<>();
              Map<String, String> named = new HashMap<>();
              for (String replica : group.running().keySet()) {
                JsonObject view = group.api.group(group.port(replica));
                if (view.getString("role").equals("leader") && view.getLong("epoch") > newerThan) {
                  leading.add(replica);
                }
                JsonObject seen = view.getJsonObject("leader");
                named.put(replica, seen == null ? "" : seen.getString("name"));
              }
              if (leading.size() != 1) {
                return false;
              }
              leader.set(leading.getFirst());
              return !namedByAll || named.values().stream().allMatch(leading.getFirst()::equals);
            });
    return leader.get();
  }

  private List<String> followersOf(String leader) {
    return group.running().keySet().stream().filter(r -> !r.equals(leader)).sorted().toList();
  }

  private JsonObject lastChange(String replica) throws Exception {
    return group.api.audit(group.port(replica), "route.change").getLast();
  }

  private static JsonObject pin(String backend) {
    return new JsonObject()
        .put("pin", backend)
        .put("ttl", "10m")
        .put("reason", "GroupDaemonsIT pins shop through a follower");
  }

  private static List<String> names(JsonArray replicas) {
    return replicas.stream().map(r -> ((JsonObject) r).getString("name")).toList();
  }
}
