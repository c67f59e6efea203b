package io.sluice.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * A single-threaded discrete-event clock for simulations: monotonic nanos that move only when the
 * test advances them, and events that run, in time order, as it does. Events belong either to the
 * world (the cloud: they survive a crash of the process under test) or to the current incarnation
 * of that process ({@link #crash} drops them all, as a kill -9 would).
 */
public final class VirtualTime {
  private record Event(long at, long order, int incarnation, Runnable action) {}

  private static final int WORLD = -1;

  private final PriorityQueue<Event> events =
      new PriorityQueue<>(
          // monotonic times compare by subtraction, so a clock near Long.MAX_VALUE may wrap
          (a, b) -> a.at != b.at ? Long.signum(a.at - b.at) : Long.compare(a.order, b.order));
  private long now;
  private long order;
  private int incarnation;

  /**
   * @param start where the clock starts; simulations pick odd origins on purpose
   */
  public VirtualTime(long start) {
    this.now = start;
  }

  public long nanos() {
    return now;
  }

  /** Runs {@code action} for the process under test after {@code delay}, unless it crashes. */
  public void schedule(Duration delay, Runnable action) {
    events.add(new Event(now + delay.toNanos(), order++, incarnation, action));
  }

  /** Runs {@code action} for the world after {@code delay}, whatever happens to the process. */
  public void scheduleInWorld(Duration delay, Runnable action) {
    events.add(new Event(now + delay.toNanos(), order++, WORLD, action));
  }

  /** A future the process under test sees completed with {@code value} after {@code delay}. */
  public <T> Future<T> later(Duration delay, Supplier<T> value) {
    Promise<T> promise = Promise.promise();
    schedule(
        delay,
        () -> {
          try {
            promise.tryComplete(value.get());
          } catch (RuntimeException e) {
            promise.tryFail(e);
          }
        });
    return promise.future();
  }

  /** A future the process under test sees failed with {@code failure} after {@code delay}. */
  public <T> Future<T> failLater(Duration delay, Throwable failure) {
    Promise<T> promise = Promise.promise();
    schedule(delay, () -> promise.tryFail(failure));
    return promise.future();
  }

  /** Runs every event due up to {@code deadline}, then stands there. */
  public void advanceTo(long deadline) {
    while (!events.isEmpty() && events.peek().at - deadline <= 0) {
      Event next = events.poll();
      if (next.at - now > 0) {
        now = next.at;
      }
      if (next.incarnation == WORLD || next.incarnation == incarnation) {
        next.action.run();
      }
    }
    now = deadline;
  }

  public void advance(Duration by) {
    advanceTo(now + by.toNanos());
  }

  /** Kills the process under test: its pending events never run; the world's still do. */
  public void crash() {
    incarnation++;
  }
}
