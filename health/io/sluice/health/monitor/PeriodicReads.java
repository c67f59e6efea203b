package io.sluice.health.monitor;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cloud reads (signals and loads) on one Vert.x context, each every {@code interval} with
 * ±{@value #JITTER_PERCENT}% jitter and a random first start, so that reads of many backends do not
 * hit a per-account rate limit in the same second. A read still running when its next turn comes is
 * not started again: the guards already bound every call, and piling up calls on a slow control
 * plane would only deepen its trouble.
 *
 * <p>Unlike probes, cloud reads need no lag detection: a late read is merely older, and the board's
 * staleness rule already handles a check that stops reporting.
 */
final class PeriodicReads {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicReads.class);
  static final int JITTER_PERCENT = 10;

  private final Context context;
  private final RandomGenerator random;
  private final List<Read<?>> reads = new ArrayList<>();
  private boolean closed;

  PeriodicReads(Context context, RandomGenerator random) {
    this.context = Objects.requireNonNull(context, "context");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Starts reading every {@code interval}; each answer goes to {@code results} on the context. */
  <T> void add(String name, Duration interval, Supplier<Future<T>> read, Consumer<T> results) {
    Read<T> scheduled = new Read<>(name, interval.toNanos(), read, results);
    context.runOnContext(
        v -> {
          if (!closed) {
            reads.add(scheduled);
            arm(scheduled, (long) (random.nextDouble() * scheduled.intervalNanos));
          }
        });
  }

  /** Stops every timer; answers still in flight are dropped. */
  Future<Void> close() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          reads.forEach(read -> context.owner().cancelTimer(read.timerId));
          reads.clear();
          stopped.complete();
        });
    return stopped.future();
  }

  private void arm(Read<?> read, long delayNanos) {
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos));
    read.timerId = context.owner().setTimer(millis, id -> fire(read));
  }

  private <T> void fire(Read<T> read) {
    if (closed) {
      return;
    }
    double jitter = 1 + (random.nextDouble() * 2 - 1) * JITTER_PERCENT / 100.0;
    arm(read, (long) (read.intervalNanos * jitter));
    if (read.inFlight) {
      return;
    }
    read.inFlight = true;
    Future<T> answer;
    try {
      answer = read.read.get();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(
        done -> {
          read.inFlight = false;
          if (closed) {
            return;
          }
          if (done.failed()) {
            LOG.debug("cloud read '{}' failed; the last answer stands", read.name, done.cause());
            return;
          }
          try {
            read.results.accept(done.result());
          } catch (RuntimeException e) {
            LOG.warn("the consumer of cloud read '{}' failed; reading goes on", read.name, e);
          }
        });
  }

  private static final class Read<T> {
    final String name;
    final long intervalNanos;
    final Supplier<Future<T>> read;
    final Consumer<T> results;
    long timerId = -1;
    boolean inFlight;

    Read(String name, long intervalNanos, Supplier<Future<T>> read, Consumer<T> results) {
      this.name = name;
      this.intervalNanos = intervalNanos;
      this.read = read;
      this.results = results;
    }
  }
}
