package io.sluice.controller.health;

import static io.sluice.policies.Backend.CVM;
import static io.sluice.policies.Backend.SCF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.MemoryCluster;
import io.sluice.controller.ha.VerdictExchange;
import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.health.VantagePoints;
import io.sluice.health.meters.HealthMeters;
import io.sluice.health.monitor.BackendWatch;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.monitor.VerdictChange;
import io.sluice.health.monitor.Watchlist;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas "a", "b" and "c" in a {@link MemoryCluster}, each with its own monitor (never
 * started: the test feeds results) and publisher, all on one Vert.x context, which is where the
 * cluster's callbacks run. Service "shop" has one http check per backend (fall and rise 1).
 */
final class VerdictPublisherTest {
  private static final List<String> REPLICAS = List.of("a", "b", "c");
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  private static final Duration STALE_AFTER = Duration.ofSeconds(5);
  private static final long SEQ_START = 1_700_000_000_000L;

  private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(3).toNanos());
  private final MemoryCluster cluster = new MemoryCluster(nanos::get);
  private final Map<String, HealthMonitor> monitors = new LinkedHashMap<>();
  private final Map<String, List<VerdictChange>> changes = new LinkedHashMap<>();
  private final List<VerdictExchange.Report> seenByC = new ArrayList<>();
  private Vertx vertx;
  private Context context;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    onContext(
        () -> {
          Map<String, Group> groups = new LinkedHashMap<>();
          REPLICAS.forEach(name -> groups.put(name, cluster.join(name)));
          groups.get("c").verdicts().onReport(received -> seenByC.add(received.report()));
          for (String name : REPLICAS) {
            Group group = groups.get(name);
            HealthMonitor monitor = monitor(name);
            List<VerdictChange> told = new ArrayList<>();
            monitor.subscribe(told::add);
            changes.put(name, told);
            monitors.put(name, monitor);
            new VerdictPublisher(group.verdicts(), name, monitor, SEQ_START).start();
          }
        });
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void publishesTheLocalVerdictsAtStartAndOnEveryChangeWithAGrowingSequence() throws Exception {
    assertThat(seenByC)
        .as("a's and b's first reports, before any result")
        .extracting(VerdictExchange.Report::replica, VerdictExchange.Report::seq)
        .containsExactly(tuple("a", SEQ_START), tuple("b", SEQ_START));
    seenByC.clear();

    record("a", CVM, up());
    record("a", CVM, up());
    record("a", SCF, down());

    assertThat(seenByC)
        .extracting(VerdictExchange.Report::seq, VerdictExchange.Report::verdicts)
        .containsExactly(
            tuple(SEQ_START + 1, Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.UNKNOWN))),
            tuple(SEQ_START + 2, Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.DOWN))));
  }

  @Test
  void oneReplicasFalseDownIsOutvotedWhileAllThreeSeeingItDownFailsIt() throws Exception {
    for (String name : REPLICAS) {
      record(name, CVM, up());
    }
    assertThat(verdicts(CVM)).containsOnly(Verdict.UP);

    record("a", CVM, down());
    assertThat(verdicts(CVM)).as("a's false DOWN, outvoted everywhere").containsOnly(Verdict.UP);
    assertThat(changes.get("b")).hasSize(1);

    record("b", CVM, down());
    record("c", CVM, down());

    assertThat(verdicts(CVM)).containsOnly(Verdict.DOWN);
    assertThat(changes.get("a"))
        .last()
        .satisfies(
            change ->
                assertThat(change.health().summary())
                    .as("announced on a by c's report")
                    .contains("b DOWN (reported")
                    .contains("c DOWN (reported"));
  }

  @Test
  void aReplicaThatLeftCountsAsUnknownAndCountsAgainOnceItIsBack() throws Exception {
    for (String name : REPLICAS) {
      record(name, CVM, down());
    }
    assertThat(verdicts(CVM)).containsOnly(Verdict.DOWN);

    onContext(() -> cluster.expire("c"));

    assertThat(verdict("a", CVM)).isEqualTo(Verdict.DOWN);
    assertThat(health("a")).contains("c UNKNOWN (left 0.0 s ago)");

    onContext(() -> cluster.expire("b"));
    assertThat(verdict("a", CVM))
        .as("one knowing vantage point of three")
        .isEqualTo(Verdict.UNKNOWN);

    onContext(
        () -> {
          HealthMonitor again = monitor("b");
          monitors.put("b", again);
          new VerdictPublisher(cluster.join("b").verdicts(), "b", again, SEQ_START + 1000).start();
        });
    record("b", CVM, down());
    assertThat(verdict("a", CVM)).isEqualTo(Verdict.DOWN);
  }

  @Test
  void aReplicaThatIsNoVantagePointIsIgnored() throws Exception {
    onContext(
        () ->
            cluster
                .join("x")
                .verdicts()
                .publish(
                    new VerdictExchange.Report(
                        "x", 1, Map.of("shop", Map.of(CVM, Verdict.DOWN, SCF, Verdict.DOWN)))));

    assertThat(changes.values()).allMatch(List::isEmpty);
  }

  @Test
  void dropsAReportOlderThanTheLastTakenFromItsReplica() throws Exception {
    record("a", CVM, down());
    Group d = cluster.join("d");
    onContext(
        () -> {
          d.verdicts()
              .publish(
                  new VerdictExchange.Report(
                      "b", SEQ_START + 10, Map.of("shop", Map.of(CVM, Verdict.DOWN))));
          d.verdicts()
              .publish(
                  new VerdictExchange.Report(
                      "b", SEQ_START + 9, Map.of("shop", Map.of(CVM, Verdict.UP))));
        });

    assertThat(health("a")).contains("b DOWN");
  }

  @Test
  void aReplicaMustPublishAsItsOwnVantagePoint() {
    assertThatThrownBy(
            () -> new VerdictPublisher(cluster.join("d").verdicts(), "d", monitors.get("a"), 0))
        .hasMessageContaining("replica 'd' must probe from its own vantage point, not 'a'");
  }

  private List<Verdict> verdicts(Backend backend) throws Exception {
    List<Verdict> all = new ArrayList<>();
    for (String name : REPLICAS) {
      all.add(verdict(name, backend));
    }
    return all;
  }

  private Verdict verdict(String replica, Backend backend) throws Exception {
    return call(() -> monitors.get(replica).backendHealth("shop", backend).verdict());
  }

  private String health(String replica) throws Exception {
    return call(() -> monitors.get(replica).backendHealth("shop", CVM).summary());
  }

  private void record(String replica, Backend backend, ProbeResult result) throws Exception {
    onContext(() -> monitors.get(replica).record("shop", backend, "http", result));
  }

  private HealthMonitor monitor(String local) {
    Map<Backend, BackendWatch> backends = new EnumMap<>(Backend.class);
    // never started, so never probed
    ProbeSpec unprobed = ProbeSpec.http("127.0.0.1", 9).interval(Duration.ofHours(1)).build();
    for (Backend backend : Backend.values()) {
      backends.put(
          backend,
          new BackendWatch(
              BackendRule.DEFAULT,
              List.of(new ProbeWatch("http", unprobed, new CheckThresholds(1, 1)))));
    }
    return new HealthMonitor(
        new Watchlist(Map.of("shop", backends), List.of(), CorrelationGuard.DEFAULT),
        context,
        nanos::get,
        Clock.fixed(WALL, ZoneOffset.UTC),
        new VantagePoints(REPLICAS, local, STALE_AFTER),
        null,
        HealthMeters.inMemory());
  }

  private ProbeResult up() {
    return new ProbeResult(new ProbeOutcome.Up(Duration.ofMillis(2)), nanos.get(), WALL);
  }

  private ProbeResult down() {
    return new ProbeResult(
        new ProbeOutcome.Down(DownReason.CONNECTION_REFUSED, "refused"), nanos.get(), WALL);
  }

  private void onContext(Runnable work) throws Exception {
    call(
        () -> {
          work.run();
          return null;
        });
  }

  private <T> T call(Callable<T> work) throws Exception {
    Promise<T> promise = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            promise.complete(work.call());
          } catch (Exception e) {
            promise.fail(e);
          }
        });
    return promise.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
