package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.ha.FencedRecords;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.MemoryCluster;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.Phase;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.sluice.testing.DemoConfig;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, one actuator at a time, fenced: route reconcilers of two replicas in an in-memory group
 * ({@link MemoryCluster}) over one cloud of two pieces, on a fake clock. Only the leader reads for
 * writing and writes; each write waits for its fenced intent, so a deposed leader writes nothing; a
 * new leader completes a half-done change only toward a backend it has seen UP, and goes on from
 * the policy state the old one committed (replica b's monotonic clock reads far from a's).
 */
final class RouteReconcilerLeadershipTest {
  private static final Instant WALL = Instant.parse("2026-11-24T08:00:00Z");
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);
  private static final long B_OFFSET = -Duration.ofHours(7).toNanos() + 123_456_789;

  @TempDir Path dirA;
  @TempDir Path dirB;
  private long nanos = Long.MAX_VALUE - Duration.ofMinutes(5).toNanos();
  private long round;
  private final MemoryCluster cluster = new MemoryCluster(() -> nanos);
  private final FakeActuator rule = new FakeActuator(ON_CVM);
  private final FakeActuator records = new FakeActuator(ON_CVM);
  private final List<String> calls = new ArrayList<>();
  private final SimpleMeterRegistry metersA = new SimpleMeterRegistry();
  private IntentJournal journalA;
  private IntentJournal journalB;
  private RouteSettings route;
  private Group groupA;
  private Group groupB;
  private RouteReconciler a;
  private RouteReconciler b;
  // runs once, as replica a's next write is about to be sent
  private Runnable beforeAWrites = () -> {};

  @BeforeEach
  void setUp() throws Exception {
    journalA = IntentJournal.open(dirA, Clock.fixed(WALL, ZoneOffset.UTC));
    journalB = IntentJournal.open(dirB, Clock.fixed(WALL, ZoneOffset.UTC));
    route = DemoConfig.route();
    groupA = cluster.join("a");
    groupB = cluster.join("b", B_OFFSET);
    a = reconciler("a", groupA, journalA, 0, metersA);
    b = reconciler("b", groupB, journalB, B_OFFSET, new SimpleMeterRegistry());
  }

  @AfterEach
  void tearDown() throws Exception {
    journalA.close();
    journalB.close();
  }

  private RouteReconciler reconciler(
      String name, Group group, IntentJournal journal, long offset, SimpleMeterRegistry meters) {
    return new RouteReconciler(
        "demo",
        route,
        List.of(new Seen(name, rule), new Seen(name, records)),
        journal,
        meters,
        false,
        () -> nanos + offset,
        Optional.empty(),
        Acting.of(group));
  }

  /** Ticks both replicas once a second with the same verdicts; the leader's lease is renewed. */
  private void run(int seconds, Verdict cvm, Verdict scf) {
    for (int i = 0; i < seconds; i++) {
      HealthSnapshot health = new HealthSnapshot(cvm, scf, ++round, OptionalDouble.empty(), WALL);
      a.tick(health, Overrides.NONE);
      b.tick(health, Overrides.NONE);
      nanos += Duration.ofSeconds(1).toNanos();
      groupA.leadership().leader().ifPresent(leader -> cluster.confirm(leader.name()));
    }
  }

  /** Replica a leads, and both backends have been UP for its warm-up. */
  private void aLeadsWarmedUp() {
    cluster.elect("a");
    run(5, Verdict.UP, Verdict.UP);
  }

  private List<String> callsBy(String replica) {
    return calls.stream().filter(c -> c.startsWith(replica + " ")).toList();
  }

  @Test
  void aFollowerNeitherReadsNorWritesWhateverTheVerdicts() {
    aLeadsWarmedUp();

    run(30, Verdict.DOWN, Verdict.UP);

    assertThat(callsBy("b")).as("no read for writing, no write").isEmpty();
    assertThat(b.stage()).isEqualTo(ReconcileStage.FOLLOWING);
    assertThat(b.state()).as("a follower keeps no policy state").isEmpty();
    assertThat(b.following()).isTrue();
    assertThat(callsBy("a")).contains("a write " + ON_SCF);
    assertThat(rule.routed).isEqualTo(ON_SCF);
  }

  @Test
  void aRouteStartedAfterATakeoverAsksToDecideAtOnceAndOnlyThen() {
    List<String> told = new ArrayList<>();
    a.onTakenOver(() -> told.add("a"));
    b.onTakenOver(() -> told.add("b"));
    aLeadsWarmedUp();
    assertThat(told).as("a's start on its grant").containsExactly("a");

    cluster.elect("b");
    run(1, Verdict.DOWN, Verdict.UP);

    assertThat(told).as("b's start on its grant, a standing down").containsExactly("a", "b");
  }

  @Test
  void aRouteOfADaemonAloneStartsAsBeforeWithoutAskingToDecide() throws Exception {
    RouteReconciler solo =
        new RouteReconciler(
            "demo",
            route,
            List.of(new Seen("solo", rule)),
            journalA,
            new SimpleMeterRegistry(),
            false,
            () -> nanos,
            Optional.empty(),
            Acting.solo(() -> nanos));
    List<String> told = new ArrayList<>();
    solo.onTakenOver(() -> told.add("solo"));

    solo.tick(
        new HealthSnapshot(Verdict.UP, Verdict.UP, 1, OptionalDouble.empty(), WALL),
        Overrides.NONE);

    assertThat(solo.state()).as("started").isPresent();
    assertThat(told).isEmpty();
  }

  @Test
  void aLeaderDeposedBetweenItsDecisionAndItsWriteWritesNothingAndTheNewLeadersPlanWins() {
    aLeadsWarmedUp();
    beforeAWrites = () -> cluster.elect("b");

    run(8, Verdict.DOWN, Verdict.UP);

    assertThat(callsBy("a"))
        .as("the fenced intent was refused first")
        .noneMatch(c -> c.contains("write"));
    assertThat(a.stage()).isEqualTo(ReconcileStage.FOLLOWING);
    assertThat(metersA.get(RouteMeters.FENCED_OUT).counter().count()).isEqualTo(1);
    assertThat(a.escalation()).as("deposed is not a cloud fault").isEmpty();
    assertThat(callsBy("b")).as("the new leader's own plan").contains("b write " + ON_SCF);
    assertThat(cluster.fencedRecord("intent/demo/demo"))
        .hasValueSatisfying(r -> assertThat(r.replica()).isEqualTo("b"));

    run(30, Verdict.DOWN, Verdict.UP);

    assertThat(callsBy("a")).noneMatch(c -> c.contains("write"));
    assertThat(rule.routed).isEqualTo(ON_SCF);
    assertThat(records.routed).isEqualTo(ON_SCF);
  }

  @Test
  void aLeaderWhoseLeaseLapsedWhileItStillLeadsActsAgainOnceItIsRenewed() {
    cluster.lease(Duration.ofSeconds(3));
    aLeadsWarmedUp();
    // a's heartbeats are late past its lease (a stalled event loop): it still leads in its epoch
    nanos += Duration.ofSeconds(5).toNanos();
    HealthSnapshot down =
        new HealthSnapshot(Verdict.DOWN, Verdict.UP, ++round, OptionalDouble.empty(), WALL);
    a.tick(down, Overrides.NONE);
    assertThat(metersA.get(RouteMeters.FENCED_OUT).counter().count())
        .as("its policy state was refused for the lease")
        .isEqualTo(1);

    run(10, Verdict.DOWN, Verdict.UP);

    assertThat(callsBy("a")).as("renewed, it acts again").contains("a write " + ON_SCF);
    assertThat(rule.routed).isEqualTo(ON_SCF);
    assertThat(a.following()).isFalse();
  }

  @Test
  void suspendedMidChangeTheWritesAfterItAreNotMade() {
    aLeadsWarmedUp();
    rule.writes.clear();
    // the rule is written; then a's connection is SUSPENDED before the records' write
    beforeAWrites = () -> beforeAWrites = () -> cluster.suspend("a");

    run(10, Verdict.DOWN, Verdict.UP);

    assertThat(rule.writes).containsExactly(ON_SCF);
    assertThat(records.writes).as("not written after SUSPENDED").isEmpty();
    assertThat(a.stage()).isEqualTo(ReconcileStage.FOLLOWING);
    assertThat(callsBy("a")).as("nothing read or written since").endsWith("a write " + ON_SCF);
  }

  @Test
  void aChangeIsAuditedWithTheEpochItStartedInThoughItsReplicaLeadsInANewerOneByThen() {
    List<RouteChange> audited = new ArrayList<>();
    a.auditTo(
        change -> {
          audited.add(change);
          return Future.succeededFuture();
        });
    aLeadsWarmedUp();
    // the rule is written in epoch 1; before the records' write a loses leadership and wins it back
    beforeAWrites =
        () ->
            beforeAWrites =
                () -> {
                  cluster.elect("b");
                  cluster.elect("a");
                };

    run(8, Verdict.DOWN, Verdict.UP);

    assertThat(cluster.epoch()).isEqualTo(3);
    assertThat(groupA.leadership().epoch()).isEqualTo(3);
    assertThat(audited).isNotEmpty();
    RouteChange first = audited.getFirst();
    assertThat(first.steps()).as("the rule's write, made in epoch 1").isNotEmpty();
    assertThat(first.epoch()).isEqualTo(1);
  }

  @Test
  void aNewLeaderCompletesAHalfDoneChangeOnlyTowardABackendSeenUp() {
    aLeadsWarmedUp();
    // a writes the rule, then its session ends before the records' write
    beforeAWrites = () -> beforeAWrites = () -> cluster.expire("a");
    run(6, Verdict.DOWN, Verdict.UP);
    assertThat(rule.routed).isEqualTo(ON_SCF);
    assertThat(records.routed).as("half done").isEqualTo(ON_CVM);
    assertThat(cluster.fencedRecord("intent/demo/demo"))
        .hasValueSatisfying(r -> assertThat(r.epoch()).isEqualTo(1));

    cluster.elect("b");
    run(10, Verdict.DOWN, Verdict.UNKNOWN);
    assertThat(callsBy("b"))
        .as("read, but not completed toward SCF before b sees it UP")
        .noneMatch(c -> c.contains("write"));

    run(2, Verdict.DOWN, Verdict.UP);

    assertThat(callsBy("b")).containsOnlyOnce("b write " + ON_SCF);
    assertThat(records.routed).isEqualTo(ON_SCF);
  }

  @Test
  void aFailbackWaitCarriesOverWithTheTimeItHadLeft() {
    aLeadsWarmedUp();
    run(10, Verdict.DOWN, Verdict.UP);
    assertThat(rule.routed).isEqualTo(ON_SCF);
    // the demo's failback waits 60 s of UP: 40 s of it pass on a
    run(40, Verdict.UP, Verdict.UP);
    assertThat(rule.routed).isEqualTo(ON_SCF);

    cluster.expire("a");
    cluster.elect("b");
    run(19, Verdict.UP, Verdict.UP);
    assertThat(callsBy("b")).as("19 s into the 20 s left").noneMatch(c -> c.contains("write"));
    assertThat(b.phase()).isEqualTo(Phase.FAILED_OVER);

    run(3, Verdict.UP, Verdict.UP);

    assertThat(callsBy("b")).as("the wait was not restarted").anyMatch(c -> c.contains("write"));
    assertThat(rule.routed.cvm()).isPositive();
  }

  @Test
  void aFreezeCarriesOver() {
    aLeadsWarmedUp();
    run(10, Verdict.DOWN, Verdict.UP);
    // flap until the budget freezes the route
    for (int i = 0; i < 6 && a.phase() != Phase.FROZEN; i++) {
      run(200, Verdict.UP, Verdict.UP);
      run(10, Verdict.DOWN, Verdict.UP);
    }
    assertThat(a.phase()).isEqualTo(Phase.FROZEN);

    cluster.expire("a");
    cluster.elect("b");
    run(3, Verdict.UP, Verdict.UP);

    assertThat(b.phase()).isEqualTo(Phase.FROZEN);
  }

  @Test
  void whileZooKeeperCannotBeReachedNothingIsWrittenAndTheChangeIsRetriedByTheBackoff() {
    boolean[] reachable = {true};
    FencedRecords through = groupA.fenced();
    FencedRecords flaky =
        new FencedRecords() {
          @Override
          public Future<Void> put(String key, long epoch, byte[] data) {
            return reachable[0]
                ? through.put(key, epoch, data)
                : Future.failedFuture(new IllegalStateException("ConnectionLoss"));
          }

          @Override
          public Future<Optional<Fenced>> get(String key) {
            return through.get(key);
          }
        };
    a =
        new RouteReconciler(
            "demo",
            route,
            List.of(new Seen("a", rule), new Seen("a", records)),
            journalA,
            metersA,
            false,
            () -> nanos,
            Optional.empty(),
            new Acting(groupA.leadership(), flaky, groupA.time()));
    aLeadsWarmedUp();
    reachable[0] = false;

    run(10, Verdict.DOWN, Verdict.UP);

    assertThat(callsBy("a")).noneMatch(c -> c.contains("write"));
    assertThat(a.stage()).as("still leading, backing off").isNotEqualTo(ReconcileStage.FOLLOWING);
    assertThat(metersA.get(RouteMeters.FENCED_OUT).counter().count()).isZero();

    reachable[0] = true;
    run(5, Verdict.DOWN, Verdict.UP);

    assertThat(callsBy("a")).contains("a write " + ON_SCF);
    assertThat(rule.routed).isEqualTo(ON_SCF);
  }

  /** One replica's view of a piece of the one cloud: records what it reads and writes. */
  private final class Seen implements Actuator {
    private final String replica;
    private final FakeActuator piece;

    Seen(String replica, FakeActuator piece) {
      this.replica = replica;
      this.piece = piece;
    }

    @Override
    public String kind() {
      return piece.kind();
    }

    @Override
    public Future<Routing> read() {
      calls.add(replica + " read");
      return piece.read();
    }

    @Override
    public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
      return piece.apply(
          desired,
          actual,
          new StepLog() {
            @Override
            public Future<Void> before(String action, String target, String value) {
              if (replica.equals("a")) {
                Runnable hook = beforeAWrites;
                beforeAWrites = () -> {};
                hook.run();
              }
              return log.before(action, target, value)
                  .onSuccess(v -> calls.add(replica + " write " + desired));
            }

            @Override
            public void after(String action, String target, String requestId, String outcome) {
              log.after(action, target, requestId, outcome);
            }
          });
    }
  }
}
