package io.sluice.health.probe;

import java.util.concurrent.TimeUnit;

/**
 * How late an event loop runs, measured by a timer it re-arms on every tick: the time between a
 * tick's due time and its run is how long any task due then (a deadline, an answer to read) waited
 * too.
 *
 * <p>Why: a probe whose connect or read timeout fires while the loop is behind measures the prober.
 * Late starts ({@link ProbeSpec#maxLag()}) miss this: a loop falling behind delays timeouts and
 * unread answers long before starts pass {@code maxLag} (the 10,000-target soak's false Downs came
 * while most starts were on time). So a timeout that settles on a loop that stalled during the
 * probe reads Inconclusive PROBER_LAG. A backend that really stops answering while the loop keeps
 * time still goes Down.
 *
 * <p>Touched only on its loop. Times are monotonic nanos compared by subtraction.
 */
final class LoopDelay {
  /**
   * A tick this late is a stall. Loopback and LAN answers take a few milliseconds, and a healthy
   * loop (G1 pauses included) runs a tick within a few more; 50 ms is a tenth of the default
   * connect timeout, so a smaller stall cannot turn an answer into a timeout.
   */
  static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private boolean armed;
  private long dueNanos;
  private boolean stalled;
  private long lastStallEndNanos;
  private long lastStallNanos;

  /** The tick timer was set to run at {@code dueNanos}. */
  void armed(long dueNanos) {
    this.armed = true;
    this.dueNanos = dueNanos;
  }

  /** The tick timer ran at {@code nowNanos}. */
  void ticked(long nowNanos) {
    if (armed && nowNanos - dueNanos > STALL_NANOS) {
      stalled = true;
      lastStallEndNanos = nowNanos;
      lastStallNanos = nowNanos - dueNanos;
    }
    armed = false;
  }

  /**
   * How long the loop stalled during {@code [sinceNanos, nowNanos]}, or 0 if it kept time: a stall
   * that ended in that window, or one still going on (the tick is overdue by more than a stall).
   */
  long stallSince(long sinceNanos, long nowNanos) {
    if (armed && nowNanos - dueNanos > STALL_NANOS) {
      return nowNanos - dueNanos;
    }
    if (stalled && lastStallEndNanos - sinceNanos >= 0) {
      return lastStallNanos;
    }
    return 0;
  }
}
