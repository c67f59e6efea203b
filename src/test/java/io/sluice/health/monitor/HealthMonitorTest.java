package io.sluice.health.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor's deciding work, fed results directly on a test clock: what one result costs, and
 * that a check going stale is announced with no result at all. Its probes point at a loopback port
 * that takes connections and never answers, with an hour's timeout, so no probe ever reports.
 */
final class HealthMonitorTest {
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  private static final Duration INTERVAL = Duration.ofHours(1);
  private static final int SERVICES = 20;

  private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(5).toNanos());
  private final Queue<VerdictChange> changes = new ConcurrentLinkedQueue<>();
  private Vertx vertx;
  private SilentPort silent;
  private HealthMonitor monitor;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    silent = new SilentPort();
    Map<String, Map<Backend, BackendWatch>> services = new LinkedHashMap<>();
    for (int s = 0; s < SERVICES; s++) {
      Map<Backend, BackendWatch> backends = new EnumMap<>(Backend.class);
      for (Backend backend : Backend.values()) {
        backends.put(
            backend,
            new BackendWatch(
                BackendRule.DEFAULT,
                List.of(
                    new ProbeWatch("http", spec(), new CheckThresholds(1, 1)),
                    new ProbeWatch("tcp", spec(), new CheckThresholds(1, 1)))));
      }
      services.put(service(s), backends);
    }
    monitor =
        new HealthMonitor(
            new Watchlist(
                services,
                List.of(new ProbeWatch("dns", spec(), new CheckThresholds(1, 1))),
                CorrelationGuard.DEFAULT),
            vertx.getOrCreateContext(),
            nanos::get,
            Clock.fixed(WALL, ZoneOffset.UTC),
            "az3");
    monitor.subscribe(changes::add);
    onContext(
        () -> {
          for (int s = 0; s < SERVICES; s++) {
            for (Backend backend : Backend.values()) {
              monitor.record(service(s), backend, "http", up());
              monitor.record(service(s), backend, "tcp", up());
            }
          }
          monitor.recordSentinel("dns", up());
          return null;
        });
    assertThat(changes).hasSize(SERVICES * 2).allMatch(c -> c.to() == Verdict.UP);
    changes.clear();
  }

  @AfterEach
  void stop() throws Exception {
    if (monitor != null) {
      result(monitor.close());
    }
    result(vertx.close());
    silent.close();
  }

  @Test
  void aResultJudgesAgainOnlyTheBackendItIsAbout() throws Exception {
    long before = onContext(monitor::judgements);

    onContext(
        () -> {
          monitor.record(service(7), Backend.CVM, "http", up());
          return null;
        });
    assertThat(onContext(monitor::judgements)).as("an Up on an UP check").isEqualTo(before);

    onContext(
        () -> {
          monitor.record(
              service(7),
              Backend.CVM,
              "http",
              result(new ProbeOutcome.Down(DownReason.CONNECTION_REFUSED, "refused")));
          return null;
        });

    assertThat(onContext(monitor::judgements))
        .as("the one backend whose check changed, of %d", SERVICES * 2)
        .isEqualTo(before + 1);
    assertThat(changes)
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.service()).isEqualTo(service(7));
              assertThat(change.backend()).isEqualTo(Backend.CVM);
              assertThat(change.to()).isEqualTo(Verdict.DOWN);
            });
  }

  @Test
  void announcesACheckGoingStaleWithoutAnyFurtherResult() throws Exception {
    monitor.start();
    nanos.addAndGet(INTERVAL.multipliedBy(2).toNanos());
    onContext(
        () -> {
          for (int s = 0; s < SERVICES; s++) {
            for (Backend backend : Backend.values()) {
              monitor.record(service(s), backend, "tcp", up());
              if (s != 3 || backend != Backend.SCF) {
                monitor.record(service(s), backend, "http", up());
              }
            }
          }
          monitor.recordSentinel("dns", up());
          return null;
        });
    assertThat(changes).isEmpty();

    // three intervals since service 3's SCF http check last reported, two hours less for the rest
    nanos.addAndGet(INTERVAL.toNanos() + 1);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> changes.stream().anyMatch(c -> c.to() == Verdict.UNKNOWN));
    assertThat(changes)
        .filteredOn(c -> c.backend() == Backend.SCF && c.service().equals(service(3)))
        .singleElement()
        .satisfies(change -> assertThat(change.from()).isEqualTo(Verdict.UP));
  }

  private ProbeResult up() {
    return result(new ProbeOutcome.Up(Duration.ofMillis(2)));
  }

  private ProbeResult result(ProbeOutcome outcome) {
    return new ProbeResult(outcome, nanos.get(), WALL);
  }

  private static String service(int s) {
    return String.format("svc-%02d", s);
  }

  private ProbeSpec spec() {
    return silent.spec(INTERVAL);
  }

  /** Runs {@code work} on the monitor's context, where the board lives. */
  private <T> T onContext(Callable<T> work) throws Exception {
    return OnContext.call(monitor, work);
  }

  private static <T> T result(Future<T> future) throws Exception {
    return OnContext.result(future);
  }
}
