package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.journal.JournalEntry;
import io.sluice.controller.reconcile.MoveCheck;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.signal.RuleLoad;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.sluice.testing.DemoConfig;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Switched but not moved" on a fake clock: the demo's failover moves to SCF, and Cloud Monitor's
 * figures for SCF's rule show no requests after it. The first NOT_MOVED is retried (a fresh read
 * and a re-apply, journaled), the second is escalated.
 */
final class MoveVerificationsTest {
  private static final Instant START = Instant.parse("2031-03-04T05:06:07Z");
  private static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Duration WINDOW = PERIOD.multipliedBy(MoveCheck.WINDOW_PERIODS);

  @TempDir Path stateDir;
  private IntentJournal journal;
  private long nanos = -Duration.ofHours(3).toNanos();
  private Instant wall = START;
  private long round;
  private TrafficSplit routed = TrafficSplit.allOn(Backend.CVM);
  private Optional<RuleLoad> scfLoad = Optional.empty();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private RouteReconciler route;
  private MoveVerifications verifications;

  @BeforeEach
  void setUp() throws Exception {
    journal = IntentJournal.open(stateDir, Clock.fixed(START, ZoneOffset.UTC));
    route = routeMovedBy("dns-weight");
    verifications =
        new MoveVerifications(
            (service, backend) -> backend == Backend.SCF ? read() : Optional.empty(), registry);
  }

  private RouteReconciler routeMovedBy(String actuatorKind) throws Exception {
    return new RouteReconciler(
        "demo",
        DemoConfig.route(),
        List.of(new MemoryRoute(actuatorKind)),
        journal,
        registry,
        false,
        () -> nanos);
  }

  @AfterEach
  void tearDown() throws Exception {
    journal.close();
  }

  /** Cloud Monitor's figures as the load signal holds them: a new read each time, unless frozen. */
  private boolean frozen;

  private Optional<RuleLoad> read() {
    return frozen
        ? scfLoad
        : scfLoad.map(
            l ->
                new RuleLoad(
                    l.periodStart(), l.period(), l.requests(), l.http5xx(), l.responseTimeAvgMs()));
  }

  private void run(Duration span, Verdict cvm) {
    for (long s = 0; s < span.toSeconds(); s++) {
      route.tick(
          new HealthSnapshot(cvm, Verdict.UP, ++round, OptionalDouble.empty(), wall),
          Overrides.NONE);
      verifications.follow(route, wall);
      nanos += Duration.ofSeconds(1).toNanos();
      wall = wall.plusSeconds(1);
    }
  }

  /** Fails over, then Cloud Monitor reports a period after the change with no requests on SCF. */
  private void failOverWithoutRequestsFollowing() {
    run(Duration.ofSeconds(5), Verdict.UP);
    run(Duration.ofSeconds(10), Verdict.DOWN);
    assertThat(routed).isEqualTo(TrafficSplit.allOn(Backend.SCF));
    scfLoad = Optional.of(new RuleLoad(wall, PERIOD, 0, 0, OptionalDouble.empty()));
  }

  @Test
  void notMovedIsRetriedOnceThenEscalated() {
    failOverWithoutRequestsFollowing();

    run(WINDOW.plusSeconds(5), Verdict.DOWN);

    assertThat(count("not_moved")).isEqualTo(1);
    assertThat(count("escalated")).isZero();
    assertThat(intents())
        .last()
        .satisfies(i -> assertThat(i.field("reason")).startsWith("re-applying cvm=0,scf=100:"));
    assertThat(verifications.escalations()).isEmpty();

    run(WINDOW.plusSeconds(5), Verdict.DOWN);

    assertThat(count("not_moved")).isEqualTo(2);
    assertThat(count("escalated")).isEqualTo(1);
    assertThat(verifications.escalations())
        .singleElement()
        .asString()
        .startsWith("demo/demo: switched but not moved")
        .contains("also after re-reading and re-applying the plan");
    assertThat(intents()).as("one retry only").hasSize(2);
  }

  @Test
  void requestsArrivingDuringTheRetryWindowEndTheCheckAsMoved() {
    failOverWithoutRequestsFollowing();
    run(WINDOW.plusSeconds(5), Verdict.DOWN);
    assertThat(count("not_moved")).isEqualTo(1);

    scfLoad = Optional.of(new RuleLoad(wall, PERIOD, 42, 0, OptionalDouble.empty()));
    run(Duration.ofSeconds(2), Verdict.DOWN);

    assertThat(count("moved")).isEqualTo(1);
    run(WINDOW.plusSeconds(5), Verdict.DOWN);
    assertThat(count("escalated")).isZero();
    assertThat(verifications.escalations()).isEmpty();
  }

  @Test
  void aWindowThatEndsOnFiguresReadBeforeItsEndWaitsForANewerReadAtMostAPeriod() {
    failOverWithoutRequestsFollowing();
    frozen = true; // the load signal reads no more

    run(WINDOW.plusSeconds(5), Verdict.DOWN);
    assertThat(count("not_moved")).as("waiting for a read after the window").isZero();

    run(PERIOD, Verdict.DOWN);
    assertThat(count("not_moved")).as("but no longer than a period").isEqualTo(1);
  }

  @Test
  void aClbRuleSwitchAloneIsNotJudgedByTheGainingBackendsRule() throws Exception {
    // the requests stay on the switched rule, which now forwards them to the function: the SCF
    // backend's own rule seeing none says nothing about whether they moved
    route = routeMovedBy("clb-rule");
    failOverWithoutRequestsFollowing();

    run(WINDOW.multipliedBy(2).plusSeconds(10), Verdict.DOWN);

    assertThat(count("not_moved")).isZero();
    assertThat(count("escalated")).isZero();
    assertThat(intents()).as("no re-apply").hasSize(1);
  }

  private double count(String outcome) {
    var counter =
        registry.find(MeterNames.VERIFICATIONS).tag(MeterNames.TAG_OUTCOME, outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private List<JournalEntry> intents() {
    return journal.entries().stream().filter(e -> e.type() == JournalEntry.Type.INTENT).toList();
  }

  /** The route's routing in memory: reads and writes complete at once. */
  private final class MemoryRoute implements Actuator {
    private final String kind;

    MemoryRoute(String kind) {
      this.kind = kind;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public Future<Routing> read() {
      return Future.succeededFuture(new Routing(routed, "memory " + routed, true));
    }

    @Override
    public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
      routed = desired;
      return Future.succeededFuture(
          new Applied(new Routing(routed, "memory " + routed, true), List.of(), Optional.empty()));
    }
  }
}
