package io.sluice.health.probe;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * One event loop's share of the targets, with one timer for all of them. Every tick starts the
 * probes due by then and re-arms the timer; results and start lags wait for the tick too, and go to
 * the scheduler's context in one batch, through its bounded {@link ResultInbox}.
 *
 * <p>Why: a timer per start (and one per probe deadline), each set and cancelled through Netty's
 * task heap, and a wake-up of the loop for every probe, were most of the prober's CPU (see
 * BENCHMARKS.md). A tick batches the starts due within it into one wake-up, and one hop per tick
 * instead of one per result keeps the scheduler's context (the health board's) from being woken ten
 * thousand times a second. The price is up to one tick of start lag, far below {@link
 * ProbeSpec#maxLag()}. The tick doubles as the loop's {@link LoopDelay} meter.
 *
 * <p>Touched only on its own context, except {@link #start()} and {@link #close()}.
 */
final class ProbeLane {
  static final long TICK_MILLIS = 5;

  final Context context;
  final LoopDelay delay = new LoopDelay();
  // jitter draws; a lane's own, as generators are not thread-safe
  final RandomGenerator random;
  private final ResultInbox inbox;
  private final LongSupplier nanoClock;
  private final Consumer<ScheduledTarget> fire;
  // by planned start; a target is in it while armed, at most once
  private final PriorityQueue<ScheduledTarget> due =
      new PriorityQueue<>((a, b) -> Long.signum(a.plannedNanos - b.plannedNanos));
  private List<Runnable> outbox = new ArrayList<>();
  private long[] lags = new long[64];
  private int lagCount;
  private long timerId = -1;
  private boolean closed;

  /**
   * @param context the lane's event loop
   * @param inbox where results and lags are handed to the scheduler's context
   * @param fire starts a due target's probe; called on the lane
   */
  ProbeLane(
      Context context,
      ResultInbox inbox,
      LongSupplier nanoClock,
      RandomGenerator random,
      Consumer<ScheduledTarget> fire) {
    this.context = context;
    this.inbox = inbox;
    this.nanoClock = nanoClock;
    this.random = random;
    this.fire = fire;
  }

  /** Whether the caller runs on the lane's event loop. */
  boolean onLane() {
    return ((ContextInternal) context).nettyEventLoop().inEventLoop();
  }

  void start() {
    context.runOnContext(v -> arm());
  }

  /**
   * Stops ticking; targets still queued never fire. Completes on the lane once it has stopped, so
   * that nothing is handed over after that (the event loops may be closed next).
   */
  Future<Void> close() {
    Promise<Void> closing = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          context.owner().cancelTimer(timerId);
          due.clear();
          outbox.clear();
          lagCount = 0;
          closing.complete();
        });
    return closing.future();
  }

  /** Queues the target for its {@code plannedNanos}, unless it is queued; on the lane. */
  void schedule(ScheduledTarget target) {
    if (!closed && !target.armed) {
      target.armed = true;
      due.add(target);
    }
  }

  /** Drops the target from the queue; on the lane. Linear, but only on removal. */
  void unschedule(ScheduledTarget target) {
    if (target.armed) {
      due.remove(target);
      target.armed = false;
    }
  }

  /**
   * Moves the target's planned start to {@code plannedNanos}, in the queue if it is queued; on the
   * lane. Linear, but only when a result turns.
   */
  void reschedule(ScheduledTarget target, long plannedNanos) {
    boolean queued = target.armed;
    unschedule(target);
    target.plannedNanos = plannedNanos;
    if (queued) {
      schedule(target);
    }
  }

  /** Runs {@code delivery} on the board's context at the end of this tick; on the lane. */
  void post(Runnable delivery) {
    outbox.add(delivery);
  }

  /** Records a start's lag for the lag listener, delivered at the end of this tick; on the lane. */
  void postLag(long lagNanos) {
    if (lagCount == lags.length) {
      lags = Arrays.copyOf(lags, lagCount * 2);
    }
    lags[lagCount++] = lagNanos;
  }

  private void arm() {
    if (closed) {
      return;
    }
    delay.armed(nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
    timerId = context.owner().setTimer(TICK_MILLIS, id -> tick());
  }

  private void tick() {
    if (closed) {
      return;
    }
    long now = nanoClock.getAsLong();
    delay.ticked(now);
    ScheduledTarget next;
    while ((next = due.peek()) != null && next.plannedNanos - now <= 0) {
      due.poll();
      next.armed = false;
      fire.accept(next);
    }
    flush();
    arm();
  }

  private void flush() {
    if (outbox.isEmpty() && lagCount == 0) {
      return;
    }
    List<Runnable> deliveries = outbox;
    long[] lagged = Arrays.copyOf(lags, lagCount);
    outbox = new ArrayList<>(Math.max(16, deliveries.size()));
    lagCount = 0;
    inbox.offer(new ResultInbox.Batch(deliveries, lagged));
  }
}
