package io.sluice.health.probe;

import static io.sluice.health.probe.HttpProberIT.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler over several event loops, with a prober double whose probes the test settles: a
 * timeout on a loop that stalled during the probe reads PROBER_LAG, the same timeout on a loop that
 * kept time reads Down, and results come back on the scheduler's context whichever loop probed.
 */
final class ProbeLanesIT {
  private static final int LANES = 3;
  private static final Duration STALL = Duration.ofNanos(LoopDelay.STALL_NANOS).multipliedBy(4);

  private final Queue<Probe> probes = new ConcurrentLinkedQueue<>();
  private final Queue<ProbeResult> results = new ConcurrentLinkedQueue<>();
  private final Set<String> deliveredOn = ConcurrentHashMap.newKeySet();
  private final Set<String> lagsOn = ConcurrentHashMap.newKeySet();
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
            System::nanoTime,
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
    add("a", 1);
    Probe probe = awaitProbes(1).get(0);

    probe
        .context()
        .runOnContext(
            v -> {
              busyFor(STALL);
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
    assertThat(deliveredOn).containsExactly(boardThread);
    assertThat(lagsOn).containsExactly(boardThread);
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

  /** Holds the event loop, as a CPU-starved prober would; spins on the clock, never sleeps. */
  private static void busyFor(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
  }
}
