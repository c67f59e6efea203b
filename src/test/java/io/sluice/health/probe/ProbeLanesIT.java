package io.sluice.health.probe;

import static io.sluice.health.probe.HttpProberIT.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.health.meters.HealthMeters;
import io.sluice.meters.MeterNames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler over several event loops, with a prober double whose probes the test settles: a
 * timeout on a loop that stalled during the probe reads PROBER_LAG, the same timeout on a loop that
 * kept time reads Down, and results come back on the scheduler's context whichever loop probed.
 *
 * <p>Whether a loop kept time is what the scheduler's monotonic clock says, so the tests about it
 * freeze that clock and move it themselves: a loaded machine's real stalls cannot turn the loop
 * that kept time into one that stalled, and the stall needs no busy loop.
 */
final class ProbeLanesIT {
  private static final int LANES = 3;
  // not a latency margin: only how long something that never happens may keep a test waiting
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  private static final Duration STALL = Duration.ofNanos(LoopDelay.STALL_NANOS).multipliedBy(4);

  private final Queue<Probe> probes = new ConcurrentLinkedQueue<>();
  private final Queue<ProbeResult> results = new ConcurrentLinkedQueue<>();
  private final Set<String> deliveredOn = ConcurrentHashMap.newKeySet();
  private final Set<String> lagsOn = ConcurrentHashMap.newKeySet();
  private volatile boolean frozen;
  private final AtomicLong frozenNanos = new AtomicLong();
  private Vertx vertx;
  private Context board;
  private String boardThread;
  private ProbeScheduler scheduler;

  /** A probe in flight: the loop it was started on and the promise the test settles. */
  private record Probe(Context context, String thread, Promise<ProbeOutcome> outcome) {}

  @BeforeEach
  void start() throws Exception {
    // the stall below is deliberate; keep the blocked-thread checker quiet about it
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(LANES + 1)
                .setMaxEventLoopExecuteTime(10)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    board = vertx.getOrCreateContext();
    Promise<String> thread = Promise.promise();
    board.runOnContext(v -> thread.complete(Thread.currentThread().getName()));
    boardThread = await(thread.future());
    Prober settledByTheTest =
        new Prober() {
          @Override
          public Future<ProbeOutcome> probe(ProbeSpec spec) {
            Promise<ProbeOutcome> outcome = Promise.promise();
            probes.add(
                new Probe(Vertx.currentContext(), Thread.currentThread().getName(), outcome));
            return outcome.future();
          }

          @Override
          public Future<Void> close() {
            return Future.succeededFuture();
          }
        };
    scheduler =
        new ProbeScheduler(
            board,
            LANES,
            settledByTheTest,
            () -> frozen ? frozenNanos.get() : System.nanoTime(),
            Clock.systemUTC(),
            new SplittableRandom(3),
            lag -> lagsOn.add(Thread.currentThread().getName()));
  }

  @AfterEach
  void stop() throws Exception {
    await(scheduler.close());
    await(vertx.close());
  }

  @Test
  void readsATimeoutOnALoopThatStalledDuringTheProbeAsProberLag() {
    freezeTheClock();
    add("a", 1);
    Probe probe = awaitProbes(1).get(0);

    probe
        .context()
        .runOnContext(
            v -> {
              frozenNanos.addAndGet(STALL.toNanos()); // the loop's tick is now this late
              probe.outcome().complete(readTimeout());
            });

    ProbeResult result = awaitResult();
    assertThat(result.outcome())
        .isInstanceOfSatisfying(
            ProbeOutcome.Inconclusive.class,
            lag -> {
              assertThat(lag.cause()).isEqualTo(InconclusiveCause.PROBER_LAG);
              assertThat(lag.detail()).startsWith("timed out while the prober's event loop ran");
            });
  }

  @Test
  void keepsATimeoutOnALoopThatKeptTimeAsDown() {
    freezeTheClock();
    add("a", 1);
    Probe probe = awaitProbes(1).get(0);

    probe.context().runOnContext(v -> probe.outcome().complete(readTimeout()));

    assertThat(awaitResult().outcome())
        .isInstanceOfSatisfying(
            ProbeOutcome.Down.class,
            down -> assertThat(down.reason()).isEqualTo(DownReason.READ_TIMEOUT));
  }

  @Test
  void probesOnSeveralLoopsAndDeliversEveryResultAndLagOnTheSchedulersContext() {
    int targets = 12;
    for (int i = 0; i < targets; i++) {
      add("t" + i, 1 + i);
    }
    List<Probe> started = awaitProbes(targets);

    started.forEach(
        probe ->
            probe
                .context()
                .runOnContext(
                    v -> probe.outcome().complete(new ProbeOutcome.Up(Duration.ofMillis(1)))));

    await().atMost(Duration.ofSeconds(5)).until(() -> results.size() >= targets);
    assertThat(started.stream().map(Probe::thread).distinct().count()).isGreaterThan(1);
    assertThat(started)
        .as("no lane on the deciding context's loop")
        .extracting(Probe::thread)
        .doesNotContain(boardThread);
    assertThat(deliveredOn).containsExactly(boardThread);
    assertThat(lagsOn).containsExactly(boardThread);
  }

  /**
   * The deciding context held until the test lets it go: meanwhile the lanes, on loops of their
   * own, go on starting probes (on the deciding loop they could start none), and the results that
   * do not fit the queue are shed, oldest first, and counted in the metric; once it is let go,
   * results flow again. Causes and effects only: no clock is read.
   */
  @Test
  void keepsProbingWhileTheDecidingContextIsHeldAndShedsWhatDoesNotFit() throws Exception {
    HealthMeters meters = HealthMeters.inMemory();
    AtomicInteger started = new AtomicInteger();
    Queue<ProbeResult> flood = new ConcurrentLinkedQueue<>();
    Prober instant =
        new Prober() {
          @Override
          public Future<ProbeOutcome> probe(ProbeSpec spec) {
            started.incrementAndGet();
            return Future.succeededFuture(new ProbeOutcome.Up(Duration.ofMillis(1)));
          }

          @Override
          public Future<Void> close() {
            return Future.succeededFuture();
          }
        };
    ProbeScheduler flooded =
        new ProbeScheduler(
            board,
            LANES,
            instant,
            System::nanoTime,
            Clock.systemUTC(),
            new SplittableRandom(5),
            lag -> {},
            20,
            meters::resultsShed);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < 10; i++) {
        flooded.add(
            "f" + i,
            ProbeSpec.http("127.0.0." + (i + 1), 9000)
                .interval(Duration.ofMillis(20))
                .timeout(Duration.ofMillis(10))
                .connectTimeout(Duration.ofMillis(10))
                .build(),
            () -> false,
            flood::add);
      }
      await().atMost(HANG_GUARD).until(() -> flood.size() >= 20);

      board.runOnContext(
          v -> {
            held.countDown();
            awaitUninterruptibly(release);
          });
      held.await();
      int delivered = flood.size();
      int startedWhileHeld = started.get();
      await()
          .atMost(HANG_GUARD)
          .until(() -> started.get() >= startedWhileHeld + 200 && shed(meters) > 0);
      assertThat(flood)
          .as("nothing delivered while the deciding context is held")
          .hasSize(delivered);
      release.countDown();

      await("results flow again").atMost(HANG_GUARD).until(() -> flood.size() > delivered);
      assertThat(flood)
          .as("where results went missing, a check's run breaks")
          .anyMatch(
              r ->
                  r.outcome() instanceof ProbeOutcome.Inconclusive i
                      && i.cause() == InconclusiveCause.RESULTS_SHED);
    } finally {
      release.countDown();
      await(flooded.close());
    }
  }

  private static double shed(HealthMeters meters) {
    return meters.registry().counter(MeterNames.RESULTS_SHED).count();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** From now on the scheduler's clock stands still, until the test moves it. */
  private void freezeTheClock() {
    frozenNanos.set(System.nanoTime());
    frozen = true;
  }

  /**
   * Every target first starts within its interval; later starts find their probe in flight (the
   * test settles only the first ones) and skip it.
   */
  private void add(String name, int port) {
    scheduler.add(
        name,
        ProbeSpec.http("127.0.0." + port, 8000 + port)
            .interval(Duration.ofSeconds(2))
            .timeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(2))
            .maxLag(Duration.ofSeconds(1))
            .build(),
        () -> false,
        result -> {
          deliveredOn.add(Thread.currentThread().getName());
          results.add(result);
        });
  }

  private List<Probe> awaitProbes(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.size() >= count);
    return List.copyOf(probes);
  }

  private ProbeResult awaitResult() {
    await().atMost(Duration.ofSeconds(5)).until(() -> !results.isEmpty());
    return results.peek();
  }

  private static ProbeOutcome readTimeout() {
    return new ProbeOutcome.Down(DownReason.READ_TIMEOUT, "no complete answer within 2000 ms");
  }
}
