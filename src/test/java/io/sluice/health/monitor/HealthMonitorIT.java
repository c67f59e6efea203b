package io.sluice.health.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
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
 *
 * <p>Real I/O on a shared machine takes what it takes, so nothing here measures latency: the waits
 * are bounded only so that a broken monitor fails instead of hanging. What is asserted is order and
 * causality, on the monitor's own clock: the CVM turns DOWN only after {@code fall} consecutive
 * Downs, every one of them taken after the backend started failing, and UP again only after {@code
 * rise} Ups taken after it recovered.
 */
final class HealthMonitorIT {
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  // loopback answers in a millisecond; the timeouts leave a loaded machine room, so that no probe
  // times out falsely (a false Down would be a real failure of this test)
  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final Duration TIMEOUT = Duration.ofMillis(240);
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(200);
  private static final CheckThresholds THRESHOLDS = new CheckThresholds(2, 2);
  // not a latency margin: only how long a broken monitor may keep the test waiting
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private final long offset = Long.MAX_VALUE - System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
  private final LongSupplier nanoClock = () -> System.nanoTime() + offset;
  private final AtomicInteger cvmStatus = new AtomicInteger(200);
  private final Queue<VerdictChange> changes = new ConcurrentLinkedQueue<>();
  private Vertx backendVertx;
  private Vertx vertx;
  private HealthMonitor monitor;

  @BeforeEach
  void start() throws Exception {
    backendVertx = Vertx.vertx();
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
    result(backendVertx.close());
  }

  @Test
  void announcesCvmDownAfterFallDownsSinceItFailedAndUpAfterRiseUpsSinceItRecovered()
      throws Exception {
    await().atMost(HANG_GUARD).until(() -> verdictsNow().equals(List.of(Verdict.UP, Verdict.UP)));

    long failedAt = nanoClock.getAsLong();
    cvmStatus.set(503);

    VerdictChange down = awaitCvmChange(Verdict.UP, Verdict.DOWN);
    assertThat(down.service()).isEqualTo("shop");
    assertThat(down.health().verdict()).isEqualTo(Verdict.DOWN);
    assertThat(down.health().summary()).startsWith("shop/cvm DOWN");
    assertThat(down.at()).isEqualTo(WALL);
    assertEndsWithARunSince(down, ProbeOutcome.Down.class, THRESHOLDS.fall(), failedAt);
    assertThat(verdictsNow()).containsExactly(Verdict.DOWN, Verdict.UP);

    long recoveredAt = nanoClock.getAsLong();
    cvmStatus.set(200);

    VerdictChange up = awaitCvmChange(Verdict.DOWN, Verdict.UP);
    assertEndsWithARunSince(up, ProbeOutcome.Up.class, THRESHOLDS.rise(), recoveredAt);
    assertThat(verdictsNow()).containsExactly(Verdict.UP, Verdict.UP);
    assertThat(changes)
        .filteredOn(c -> c.backend() == Backend.CVM)
        .extracting(VerdictChange::from, VerdictChange::to)
        .as("in this order, and nothing else")
        .containsExactly(
            tuple(Verdict.UNKNOWN, Verdict.UP),
            tuple(Verdict.UP, Verdict.DOWN),
            tuple(Verdict.DOWN, Verdict.UP));
    assertThat(changes).noneMatch(c -> c.backend() == Backend.SCF && c.to() == Verdict.DOWN);
  }

  private VerdictChange awaitCvmChange(Verdict from, Verdict to) {
    await()
        .atMost(HANG_GUARD)
        .until(() -> changes.stream().anyMatch(c -> isCvmChange(c, from, to)));
    return changes.stream().filter(c -> isCvmChange(c, from, to)).findFirst().orElseThrow();
  }

  private static boolean isCvmChange(VerdictChange change, Verdict from, Verdict to) {
    return change.backend() == Backend.CVM && change.from() == from && change.to() == to;
  }

  /**
   * The change's evidence: its conclusive results end with exactly {@code run} of {@code kind} (the
   * one before is the other kind), each taken after {@code sinceNanos} on the monitor's clock.
   */
  private static void assertEndsWithARunSince(
      VerdictChange change, Class<? extends ProbeOutcome> kind, int run, long sinceNanos) {
    List<ProbeResult> conclusive =
        change.health().evidence().getFirst().recent().stream()
            .filter(r -> !(r.outcome() instanceof ProbeOutcome.Inconclusive))
            .toList();
    assertThat(conclusive).hasSizeGreaterThan(run);
    List<ProbeResult> last = conclusive.subList(conclusive.size() - run, conclusive.size());
    assertThat(last).allMatch(r -> kind.isInstance(r.outcome()));
    assertThat(last)
        .as("taken after the backend changed")
        .allMatch(r -> r.atNanos() - sinceNanos > 0);
    assertThat(conclusive.get(conclusive.size() - run - 1).outcome())
        .as("the result before the run")
        .isNotInstanceOf(kind);
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
            backendVertx
                .createHttpServer()
                .requestHandler(request -> request.response().setStatusCode(status.get()).end())
                .listen(0, "127.0.0.1"))
        .actualPort();
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
