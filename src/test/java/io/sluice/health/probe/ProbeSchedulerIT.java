package io.sluice.health.probe;

import static io.sluice.health.probe.HttpProberIT.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler against a real loopback server, on a monotonic clock that wraps past {@link
 * Long#MAX_VALUE} a second into the test. The central property: when the prober's own event loop is
 * starved, the probes due meanwhile read Inconclusive PROBER_LAG, never Down.
 */
final class ProbeSchedulerIT {
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  private static final Duration BLOCK = Duration.ofSeconds(2);
  // loopback answers in a millisecond; the rest is headroom for a busy CI machine
  private static final Duration INTERVAL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofMillis(450);
  private static final Duration MAX_LAG = Duration.ofMillis(200);
  private static final Duration FAST = Duration.ofMillis(100);

  private final long offset = Long.MAX_VALUE - System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
  private final LongSupplier nanoClock = () -> System.nanoTime() + offset;
  private final Map<String, Queue<ProbeResult>> results = new ConcurrentHashMap<>();
  private final AtomicLong maxLagNanos = new AtomicLong(Long.MIN_VALUE);
  private Vertx backendVertx;
  private Vertx proberVertx;
  private Context context;
  private ProbeScheduler scheduler;
  private int port;

  @BeforeEach
  void start() throws Exception {
    backendVertx = Vertx.vertx();
    port =
        await(
                backendVertx
                    .createHttpServer()
                    .requestHandler(request -> request.response().end("ok"))
                    .listen(0, "127.0.0.1"))
            .actualPort();
    // the block below is deliberate; keep the blocked-thread checker quiet about it
    proberVertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(10)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    context = proberVertx.getOrCreateContext();
    scheduler =
        new ProbeScheduler(
            context,
            Prober.byKind(
                new HttpProber(proberVertx, nanoClock), new TcpProber(proberVertx, nanoClock)),
            nanoClock,
            Clock.fixed(WALL, ZoneOffset.UTC),
            new SplittableRandom(7),
            lag -> maxLagNanos.accumulateAndGet(lag, Math::max));
  }

  @AfterEach
  void stop() throws Exception {
    await(scheduler.close());
    await(proberVertx.close());
    await(backendVertx.close());
  }

  @Test
  void reportsProbesDueWhileItsEventLoopIsStarvedAsProberLagNeverDown() {
    List<String> targets = List.of("http-a", "http-b", "tcp");
    add("http-a", http().build(), false);
    add("http-b", http().path("/ready").build(), false);
    add(
        "tcp",
        ProbeSpec.tcp("127.0.0.1", port)
            .interval(INTERVAL)
            .timeout(TIMEOUT)
            .connectTimeout(TIMEOUT)
            .maxLag(MAX_LAG)
            .build(),
        false);
    await().atMost(Duration.ofSeconds(5)).until(() -> targets.stream().allMatch(t -> ups(t) >= 2));

    scheduler.laneContexts().getFirst().runOnContext(v -> busyFor(BLOCK));
    await()
        .atMost(BLOCK.plusSeconds(5))
        .until(() -> targets.stream().allMatch(t -> lagged(t) >= 1 && upsAfterLag(t) >= 2));

    assertThat(results.values())
        .flatMap(queue -> queue)
        .noneMatch(result -> result.outcome() instanceof ProbeOutcome.Down);
    assertThat(maxLagNanos.get()).isGreaterThan(BLOCK.toNanos() / 2);
    ProbeResult lagged =
        results.get("http-a").stream().filter(ProbeSchedulerIT::isLag).findFirst().orElseThrow();
    assertThat(lagged.outcome().describe()).matches("INCONCLUSIVE PROBER_LAG: \\w+ \\d+ms .*");
  }

  @Test
  void probesAtTheFastIntervalWhileTheCheckIsChangingState() {
    // added first, so its first probe is not spread into the 5 s interval
    add("changing", fast().build(), true);
    add("steady", fast().build(), false);

    await().atMost(Duration.ofSeconds(3)).until(() -> ups("changing") >= 8);

    assertThat(ups("steady")).isLessThanOrEqualTo(1);
  }

  @Test
  void stampsResultsWithTheInjectedClocksAndRecordsEachStart() {
    long before = nanoClock.getAsLong();
    add("a", http().build(), false);

    await().atMost(Duration.ofSeconds(3)).until(() -> ups("a") >= 1);

    ProbeResult first = results.get("a").peek();
    assertThat(first.at()).isEqualTo(WALL);
    assertThat(first.atNanos() - before).isPositive();
    ProbeStart start = scheduler.lastStart("a").orElseThrow();
    assertThat(start.lagNanos()).isBetween(0L, ProbeSpec.DEFAULT_MAX_LAG.toNanos());
    assertThat(start.startedNanos() - before).isPositive();
  }

  @Test
  void stopsProbingARemovedTarget() {
    add("a", fast().interval(FAST).build(), false);
    await().atMost(Duration.ofSeconds(3)).until(() -> ups("a") >= 2);

    scheduler.remove("a");
    await().atMost(Duration.ofSeconds(1)).until(() -> scheduler.lastStart("a").isEmpty());
    int afterRemoval = results.get("a").size();

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(1))
        .until(() -> results.get("a").size() <= afterRemoval + 1);
  }

  private ProbeSpec.Builder http() {
    return ProbeSpec.http("127.0.0.1", port)
        .interval(INTERVAL)
        .timeout(TIMEOUT)
        .connectTimeout(TIMEOUT)
        .maxLag(MAX_LAG);
  }

  /** Every 5 s, or every 100 ms while changing state. */
  private ProbeSpec.Builder fast() {
    return http()
        .interval(Duration.ofSeconds(5))
        .fastInterval(FAST)
        .timeout(FAST.multipliedBy(9).dividedBy(10))
        .connectTimeout(FAST.multipliedBy(9).dividedBy(10));
  }

  private void add(String name, ProbeSpec spec, boolean transitioning) {
    Queue<ProbeResult> queue = new ConcurrentLinkedQueue<>();
    results.put(name, queue);
    scheduler.add(name, spec, () -> transitioning, queue::add);
  }

  private long ups(String target) {
    return results.get(target).stream().filter(r -> r.outcome() instanceof ProbeOutcome.Up).count();
  }

  private long lagged(String target) {
    return results.get(target).stream().filter(ProbeSchedulerIT::isLag).count();
  }

  private long upsAfterLag(String target) {
    return results.get(target).stream()
        .dropWhile(result -> !isLag(result))
        .filter(result -> result.outcome() instanceof ProbeOutcome.Up)
        .count();
  }

  private static boolean isLag(ProbeResult result) {
    return result.outcome() instanceof ProbeOutcome.Inconclusive inconclusive
        && inconclusive.cause() == InconclusiveCause.PROBER_LAG;
  }

  /** Holds the event loop, as a CPU-starved prober would; spins on the clock, never sleeps. */
  private static void busyFor(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
  }
}
