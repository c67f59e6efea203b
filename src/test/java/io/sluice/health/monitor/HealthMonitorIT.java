package io.sluice.health.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor against two real loopback servers standing in for the CVM and SCF backends, on a
 * monotonic clock that wraps past {@link Long#MAX_VALUE} a second into the test.
 */
final class HealthMonitorIT {
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration TIMEOUT = Duration.ofMillis(80);
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(50);
  private static final CheckThresholds THRESHOLDS = new CheckThresholds(2, 2);
  // one more interval for the probe already in flight when the backend changes, then headroom
  // for a busy CI machine
  private static final Duration MARGIN = INTERVAL.plusSeconds(1);
  private static final Duration TO_DOWN =
      INTERVAL.multipliedBy(THRESHOLDS.fall()).plus(TIMEOUT).plus(MARGIN);
  private static final Duration TO_UP =
      INTERVAL.multipliedBy(THRESHOLDS.rise()).plus(TIMEOUT).plus(MARGIN);

  // the first probes also pay for class loading and the first connections
  private static final Duration STARTUP = Duration.ofSeconds(3);

  private final long offset = Long.MAX_VALUE - System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
  private final LongSupplier nanoClock = () -> System.nanoTime() + offset;
  private final AtomicInteger cvmStatus = new AtomicInteger(200);
  private final Queue<VerdictChange> changes = new ConcurrentLinkedQueue<>();
  private Vertx vertx;
  private HealthMonitor monitor;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    int cvmPort = serve(() -> cvmStatus.get());
    int scfPort = serve(() -> 200);
    Map<Backend, BackendWatch> backends = new EnumMap<>(Backend.class);
    backends.put(Backend.CVM, backend(cvmPort));
    backends.put(Backend.SCF, backend(scfPort));
    Watchlist watchlist =
        new Watchlist(Map.of("shop", backends), List.of(), CorrelationGuard.DEFAULT);
    Context context = vertx.getOrCreateContext();
    monitor =
        new HealthMonitor(watchlist, context, nanoClock, Clock.fixed(WALL, ZoneOffset.UTC), "az3");
    monitor.subscribe(changes::add);
    monitor.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (monitor != null) {
      result(monitor.close());
    }
    result(vertx.close());
  }

  @Test
  void announcesCvmDownWithinFallIntervalsAndUpAgainAfterRise() throws Exception {
    await().atMost(STARTUP).until(() -> verdictsNow().equals(List.of(Verdict.UP, Verdict.UP)));

    cvmStatus.set(503);

    await()
        .atMost(TO_DOWN)
        .until(() -> changes.stream().anyMatch(c -> isChange(c, Verdict.UP, Verdict.DOWN)));
    VerdictChange down =
        changes.stream().filter(c -> isChange(c, Verdict.UP, Verdict.DOWN)).findFirst().get();
    assertThat(down.service()).isEqualTo("shop");
    assertThat(down.health().verdict()).isEqualTo(Verdict.DOWN);
    assertThat(down.health().summary()).startsWith("shop/cvm DOWN");
    assertThat(down.at()).isEqualTo(WALL);
    assertThat(verdictsNow()).containsExactly(Verdict.DOWN, Verdict.UP);

    cvmStatus.set(200);

    await()
        .atMost(TO_UP)
        .until(() -> changes.stream().anyMatch(c -> isChange(c, Verdict.DOWN, Verdict.UP)));
    assertThat(verdictsNow()).containsExactly(Verdict.UP, Verdict.UP);
    assertThat(changes).noneMatch(c -> c.backend() == Backend.SCF && c.to() == Verdict.DOWN);
  }

  private static boolean isChange(VerdictChange change, Verdict from, Verdict to) {
    return change.backend() == Backend.CVM && change.from() == from && change.to() == to;
  }

  private List<Verdict> verdictsNow() throws Exception {
    HealthSnapshot snapshot =
        onContext(() -> monitor.snapshot("shop", 7, WALL, OptionalDouble.empty()));
    return List.of(snapshot.cvm(), snapshot.scf());
  }

  /** Runs {@code read} on the monitor's context, where the board lives. */
  private <T> T onContext(Supplier<T> read) throws Exception {
    Promise<T> promise = Promise.promise();
    monitor.context().runOnContext(v -> promise.complete(read.get()));
    return result(promise.future());
  }

  private static BackendWatch backend(int port) {
    ProbeSpec spec =
        ProbeSpec.http("127.0.0.1", port)
            .path("/healthz")
            .interval(INTERVAL)
            .timeout(TIMEOUT)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    return new BackendWatch(BackendRule.DEFAULT, List.of(new ProbeWatch("http", spec, THRESHOLDS)));
  }

  private int serve(Supplier<Integer> status) throws Exception {
    return result(
            vertx
                .createHttpServer()
                .requestHandler(request -> request.response().setStatusCode(status.get()).end())
                .listen(0, "127.0.0.1"))
        .actualPort();
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
