package io.sluice.health.monitor;

import static io.sluice.policies.Backend.CVM;
import static io.sluice.policies.Backend.SCF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.health.VantagePoints;
import io.sluice.health.meters.HealthMeters;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor of replica "a" among "a", "b" and "c": the others' reports and their staleness change
 * and announce verdicts like results do, and the local verdicts are told on every change. Service
 * "shop" has one http check on each backend (fall and rise 1), aimed at a port that never answers;
 * results are fed directly on a test clock.
 */
final class HealthMonitorVantagesTest {
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  private static final Duration INTERVAL = Duration.ofHours(1);
  private static final Duration STALE_AFTER = Duration.ofSeconds(5);

  private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(3).toNanos());
  private final Queue<VerdictChange> changes = new ConcurrentLinkedQueue<>();
  private final Queue<Map<String, Map<Backend, Verdict>>> published = new ConcurrentLinkedQueue<>();
  private final HealthMeters meters = HealthMeters.inMemory();
  private Vertx vertx;
  private SilentPort silent;
  private HealthMonitor monitor;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    silent = new SilentPort();
    Map<Backend, BackendWatch> backends = new EnumMap<>(Backend.class);
    for (Backend backend : Backend.values()) {
      backends.put(
          backend,
          new BackendWatch(
              BackendRule.DEFAULT,
              List.of(new ProbeWatch("http", spec(), new CheckThresholds(1, 1)))));
    }
    monitor =
        new HealthMonitor(
            new Watchlist(Map.of("shop", backends), List.of(), CorrelationGuard.DEFAULT),
            vertx.getOrCreateContext(),
            nanos::get,
            Clock.fixed(WALL, ZoneOffset.UTC),
            new VantagePoints(List.of("a", "b", "c"), "a", STALE_AFTER),
            null,
            meters);
    monitor.subscribe(changes::add);
    monitor.subscribeLocal(published::add);
  }

  @AfterEach
  void stop() throws Exception {
    OnContext.result(monitor.close());
    OnContext.result(vertx.close());
    silent.close();
  }

  @Test
  void aReportThatChangesTheQuorumIsAnnouncedWithItsEvidence() throws Exception {
    record(CVM, down());
    assertThat(changes).as("one knowing vantage point of three").isEmpty();

    report("b", Map.of("shop", Map.of(CVM, Verdict.DOWN, SCF, Verdict.UP)));

    assertThat(changes)
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.backend()).isEqualTo(CVM);
              assertThat(change.to()).isEqualTo(Verdict.DOWN);
              assertThat(change.health().summary()).contains("b DOWN (reported 0.0 s ago)");
            });
    assertThat(gauge(MeterNames.BACKEND_VANTAGE_VERDICT, "b", Verdict.DOWN)).isEqualTo(1);
    assertThat(gauge(MeterNames.BACKEND_VANTAGE_VERDICT, "a", Verdict.DOWN)).isEqualTo(1);
    assertThat(gauge(MeterNames.BACKEND_VANTAGE_VERDICT, "c", Verdict.UNKNOWN)).isEqualTo(1);
    assertThat(
            meters
                .registry()
                .get(MeterNames.HA_VERDICT_REPORTS)
                .tag(MeterNames.TAG_REPLICA, "b")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void tellsTheLocalVerdictsOnEveryLocalChangeAndOnlyThen() throws Exception {
    record(CVM, up());
    assertThat(published)
        .containsExactly(Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.UNKNOWN)));
    published.clear();

    record(CVM, up());
    report("b", Map.of("shop", Map.of(CVM, Verdict.DOWN)));
    assertThat(published).as("no change here, and another replica's").isEmpty();

    record(SCF, down());
    assertThat(published)
        .containsExactly(Map.of("shop", Map.of(CVM, Verdict.UP, SCF, Verdict.DOWN)));
    assertThat(OnContext.call(monitor, monitor::localVerdicts)).isEqualTo(published.peek());
  }

  @Test
  void ignoresWhatAReportNamesThatThisReplicaDoesNotWatch() throws Exception {
    record(CVM, up());
    report("b", Map.of("blog", Map.of(CVM, Verdict.DOWN), "shop", Map.of(CVM, Verdict.UP)));
    report("b", Map.of("blog", Map.of(CVM, Verdict.DOWN), "shop", Map.of(CVM, Verdict.UP)));

    assertThat(changes).singleElement().satisfies(c -> assertThat(c.to()).isEqualTo(Verdict.UP));
  }

  @Test
  void announcesAReportGoingStaleWithoutAnyFurtherReportOrResult() throws Exception {
    monitor.start();
    record(CVM, up());
    report("b", Map.of("shop", Map.of(CVM, Verdict.UP)));
    report("c", Map.of("shop", Map.of(CVM, Verdict.UP)));
    assertThat(changes).singleElement().satisfies(c -> assertThat(c.to()).isEqualTo(Verdict.UP));
    changes.clear();

    nanos.addAndGet(STALE_AFTER.toNanos());
    assertThat(ageOf("b")).isEqualTo(STALE_AFTER.toSeconds());
    nanos.addAndGet(1);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> changes.stream().anyMatch(c -> c.to() == Verdict.UNKNOWN));
    assertThat(changes)
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.from()).isEqualTo(Verdict.UP);
              assertThat(change.health().summary())
                  .contains("b UNKNOWN (stale, reported 5.0 s ago)");
            });
  }

  private double ageOf(String replica) {
    return meters
        .registry()
        .get(MeterNames.HA_VERDICT_AGE)
        .tag(MeterNames.TAG_REPLICA, replica)
        .gauge()
        .value();
  }

  private double gauge(String name, String vantage, Verdict verdict) {
    MeterRegistry registry = meters.registry();
    return registry
        .get(name)
        .tag(MeterNames.TAG_SERVICE, "shop")
        .tag(MeterNames.TAG_BACKEND, CVM.id())
        .tag(MeterNames.TAG_VANTAGE, vantage)
        .tag(MeterNames.TAG_VERDICT, verdict.name())
        .gauge()
        .value();
  }

  private void record(Backend backend, ProbeResult result) throws Exception {
    OnContext.call(
        monitor,
        () -> {
          monitor.record("shop", backend, "http", result);
          return null;
        });
  }

  private void report(String replica, Map<String, Map<Backend, Verdict>> verdicts)
      throws Exception {
    OnContext.call(
        monitor,
        () -> {
          monitor.remoteReport(replica, verdicts, nanos.get());
          return null;
        });
  }

  private ProbeResult up() {
    return new ProbeResult(new ProbeOutcome.Up(Duration.ofMillis(2)), nanos.get(), WALL);
  }

  private ProbeResult down() {
    return new ProbeResult(
        new ProbeOutcome.Down(DownReason.CONNECTION_REFUSED, "refused"), nanos.get(), WALL);
  }

  private ProbeSpec spec() {
    return silent.spec(INTERVAL);
  }
}
