package io.sluice.health.probe;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-over of probe results from the lanes to the deciding context: each lane tick
 * offers one batch, and one drain at a time runs them on the deciding context, oldest first.
 *
 * <p>Why bounded: the lanes run on their own event loops and keep probing whatever the deciding
 * context does, so when it falls behind (too many services for the CPU, a long GC pause, a slow
 * handler) an unbounded hand-over grows without limit: at 1,000 services on the code before issue
 * 5b, 394,000 results were queued after 3.5 minutes, and every one of them was old by the time it
 * was read. At most {@code capacity} results wait here; beyond that the oldest batches are shed,
 * counted ({@code sluice.probe.results.shed}) and logged (a WARN at most every {@link
 * #WARN_EVERY_NANOS} ns).
 *
 * <p>Why shed, not coalesce to the newest result per check: fall and rise count consecutive
 * results, so applying only the newest of three queued Downs would need three more to turn a check
 * DOWN; no result can stand in for another. A shed result is not counted, and the scheduler, which
 * numbers each target's results, hands the check an Inconclusive {@code RESULTS_SHED} where some
 * went missing: that breaks the check's run (a shed Up between two Downs must not let them join
 * into a run that reaches {@code fall}), so shedding can delay a verdict but never make a wrong
 * one; a check whose results are all shed for long enough goes stale, UNKNOWN, which holds routing.
 * Shedding the oldest keeps what is freshest.
 *
 * <p>The drain yields after {@link #DRAIN_BUDGET} results, so that a backlog is worked off between
 * ticks and API requests rather than ahead of them. Lanes offer from their own threads; the bound
 * is exact with one lane and may be passed by at most one batch per other lane offering at the same
 * moment.
 */
final class ResultInbox {
  private static final Logger LOG = LoggerFactory.getLogger(ResultInbox.class);

  /** The most results one drain runs before it lets the deciding context do something else. */
  static final int DRAIN_BUDGET = 512;

  /** How often at most shedding is logged. */
  static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One lane tick's results (each a delivery to run on the deciding context) and start lags. */
  record Batch(List<Runnable> deliveries, long[] lags) {
    int size() {
      return deliveries.size();
    }

    /** The newest {@code count} deliveries; the start lags go with them. */
    Batch newest(int count) {
      return new Batch(deliveries.subList(deliveries.size() - count, deliveries.size()), lags);
    }
  }

  private final Executor deciding;
  private final int capacity;
  private final LongConsumer lagListener;
  private final IntConsumer shedListener;
  private final LongSupplier nanoClock;
  private final ConcurrentLinkedQueue<Batch> batches = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong shedSinceWarning = new AtomicLong();
  private final AtomicLong lastWarning = new AtomicLong();
  private volatile boolean warned;

  /**
   * @param deciding runs the drain on the deciding context
   * @param capacity the most results that may wait
   * @param lagListener receives each start lag, on the deciding context
   * @param shedListener told how many results were shed, on the lane that shed them
   * @param nanoClock monotonic nanos, for spacing the warnings
   */
  ResultInbox(
      Executor deciding,
      int capacity,
      LongConsumer lagListener,
      IntConsumer shedListener,
      LongSupplier nanoClock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queueCapacity: must be 1 or more, got " + capacity);
    }
    this.deciding = deciding;
    this.capacity = capacity;
    this.lagListener = lagListener;
    this.shedListener = shedListener;
    this.nanoClock = nanoClock;
  }

  /** Hands a lane tick's batch over, shedding the oldest results waiting if it would not fit. */
  void offer(Batch batch) {
    if (batch.size() > capacity) {
      shed(batch.size() - capacity);
      batch = batch.newest(capacity);
    }
    while (queued.get() + batch.size() > capacity) {
      Batch oldest = batches.poll();
      if (oldest == null) {
        break; // the drain took them meanwhile
      }
      queued.addAndGet(-oldest.size());
      shed(oldest.size());
    }
    queued.addAndGet(batch.size());
    batches.add(batch);
    if (draining.compareAndSet(false, true)) {
      deciding.execute(this::drain);
    }
  }

  /** Drops everything waiting, unshed and uncounted: the scheduler is closing. */
  void clear() {
    batches.clear();
    queued.set(0);
  }

  /** How many results wait. */
  int queued() {
    return queued.get();
  }

  private void drain() {
    int ran = 0;
    Batch next;
    while (ran < DRAIN_BUDGET && (next = batches.poll()) != null) {
      queued.addAndGet(-next.size());
      for (long lag : next.lags()) {
        lagListener.accept(lag);
      }
      next.deliveries().forEach(Runnable::run);
      ran += Math.max(1, next.size());
    }
    if (batches.isEmpty()) {
      draining.set(false);
      // a lane may have offered between the last poll and the flag going down
      if (batches.isEmpty() || !draining.compareAndSet(false, true)) {
        return;
      }
    }
    deciding.execute(this::drain);
  }

  private void shed(int results) {
    shedListener.accept(results);
    long shed = shedSinceWarning.addAndGet(results);
    long now = nanoClock.getAsLong();
    long last = lastWarning.get();
    if ((!warned || now - last >= WARN_EVERY_NANOS) && lastWarning.compareAndSet(last, now)) {
      warned = true;
      shedSinceWarning.addAndGet(-shed);
      LOG.warn(
          "the deciding context is behind: shed the {} oldest probe results waiting for it (at most"
              + " {} wait); each check's run of results breaks where they went missing, so verdicts"
              + " are delayed, not wrong, and a check that loses all its results goes stale"
              + " (UNKNOWN)",
          shed,
          capacity);
    }
  }
}
