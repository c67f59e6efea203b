package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.testing.MutableNanos;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When probes start around a failure, on a fake monotonic clock (the lanes' 5 ms ticks are real,
 * but every plan and start is read on the fake clock, so the times below are exact): interval 1 s,
 * fast interval 200 ms, fall 3, no jitter. HAProxy's {@code inter 1s fall 3 fastinter 200ms} probes
 * at +0, +0.2 and +0.4 s from the first failure; so must Sluice.
 */
final class FastIntervalTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration FAST = Duration.ofMillis(200);
  private static final Duration TIMEOUT = Duration.ofMillis(900);
  private static final Duration FAST_TIMEOUT = Duration.ofMillis(150);
  private static final int FALL = 3;

  private final Vertx vertx = Vertx.vertx();
  private final MutableNanos nanos = new MutableNanos();
  private final long zero = nanos.getAsLong();
  private final AtomicBoolean backendUp = new AtomicBoolean(true);
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<ProbeResult> results = new CopyOnWriteArrayList<>();
  // a board of one check: counting Downs towards DOWN is "changing"
  private final AtomicInteger downsInARow = new AtomicInteger();
  // the scheduler asks once when a target is added and again after each result it hands over
  private final AtomicInteger asked = new AtomicInteger();
  private ProbeScheduler scheduler;

  /** One probe: when it started on the fake clock and the timeout it was given. */
  record Call(Duration at, Duration timeout) {}

  @AfterEach
  void stop() {
    scheduler.close().toCompletionStage().toCompletableFuture().join();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void theFirstFailureBringsTheNextProbeForwardAndFastProbesHaveTheirOwnTimeout() {
    start();
    awaitResults(1);
    advance(INTERVAL);
    awaitResults(2);

    backendUp.set(false);
    advance(INTERVAL);
    awaitResults(3);
    advance(FAST);
    awaitResults(4);
    advance(FAST);
    awaitResults(5);

    assertThat(calls)
        .containsExactly(
            new Call(Duration.ZERO, TIMEOUT),
            new Call(Duration.ofMillis(1000), TIMEOUT),
            new Call(Duration.ofMillis(2000), TIMEOUT),
            new Call(Duration.ofMillis(2200), FAST_TIMEOUT),
            new Call(Duration.ofMillis(2400), FAST_TIMEOUT));
    assertThat(downsInARow).hasValue(FALL);
    assertThat(results).noneMatch(r -> r.outcome() instanceof ProbeOutcome.Inconclusive);
  }

  @Test
  void aDownConfirmedIsProbedAtTheIntervalAgainAndTheFirstUpHurriesTheRise() {
    start();
    awaitResults(1);
    backendUp.set(false);
    advance(INTERVAL);
    awaitResults(2);
    advance(FAST);
    awaitResults(3);
    advance(FAST);
    awaitResults(4); // the third Down: DOWN; this probe started while it was changing
    advance(FAST);
    awaitResults(5);
    advance(INTERVAL);
    awaitResults(6);

    backendUp.set(true);
    advance(INTERVAL);
    awaitResults(7);
    advance(FAST);
    awaitResults(8);

    assertThat(calls)
        .extracting(Call::at)
        .containsExactly(
            Duration.ZERO,
            Duration.ofMillis(1000),
            Duration.ofMillis(1200),
            Duration.ofMillis(1400),
            Duration.ofMillis(1600),
            Duration.ofMillis(2600),
            Duration.ofMillis(3600),
            Duration.ofMillis(3800));
    assertThat(results).noneMatch(r -> r.outcome() instanceof ProbeOutcome.Inconclusive);
  }

  private void start() {
    ProbeSpec spec =
        ProbeSpec.http("127.0.0.1", 8080)
            .interval(INTERVAL)
            .fastInterval(FAST)
            .timeout(TIMEOUT)
            .connectTimeout(TIMEOUT)
            .fastTimeout(FAST_TIMEOUT)
            .jitterFraction(0)
            .build();
    scheduler =
        new ProbeScheduler(
            vertx.getOrCreateContext(),
            new ScriptedProber(),
            nanos,
            Clock.systemUTC(),
            new SplittableRandom(1),
            lag -> {});
    scheduler.add("shop", spec, this::changing, this::record);
  }

  private boolean changing() {
    int downs = downsInARow.get();
    asked.incrementAndGet();
    return downs > 0 && downs < FALL;
  }

  private void record(ProbeResult result) {
    if (result.outcome() instanceof ProbeOutcome.Down) {
      downsInARow.incrementAndGet();
    } else {
      // an Up after a DOWN is changing back; the simple board here says so by counting none
      downsInARow.set(0);
    }
    results.add(result);
  }

  /**
   * Results reach the consumer after the lane has planned the next probe, and the scheduler asks
   * whether the check is changing right after the consumer: once both have happened, moving the
   * clock is exact.
   */
  private void awaitResults(int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> results.size() >= count && asked.get() >= count + 1);
  }

  private void advance(Duration duration) {
    nanos.advance(duration);
  }

  private final class ScriptedProber implements Prober {
    @Override
    public Future<ProbeOutcome> probe(ProbeSpec spec) {
      calls.add(new Call(Duration.ofNanos(nanos.getAsLong() - zero), spec.timeout()));
      return Future.succeededFuture(
          backendUp.get()
              ? new ProbeOutcome.Up(Duration.ofMillis(1))
              : new ProbeOutcome.Down(DownReason.CONNECTION_REFUSED, "stopped"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
