package io.sluice.health;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * When each check goes stale: a check with no Up or Down for longer than its {@code staleAfter}
 * reads UNKNOWN, whether or not any other result arrives, so the board must notice the time
 * passing, not wait for results.
 *
 * <p>A queue ordered by the time each check goes stale, kept lazily: a check is in it at most once,
 * under the deadline it had when it went in. A fresh result only moves the check's own deadline
 * (nothing to do here); when the old deadline comes, the check goes back in under its new one, or,
 * if it has really had nothing since, is reported stale and stays out until its next Up or Down. So
 * each check costs one queue operation per stale period (usually three probe intervals), not one
 * per result, and a board that is asked about a later time pays only for the checks that went stale
 * meanwhile.
 */
final class StaleChecks {
  private final PriorityQueue<CheckAtVantage> due =
      new PriorityQueue<>(
          (a, b) ->
              a.deadline == b.deadline
                  ? Integer.compare(a.order, b.order)
                  : Long.signum(a.deadline - b.deadline));

  /** Watches {@code seen} for staleness, if it can go stale and is not watched already. */
  void watch(CheckAtVantage seen) {
    if (!seen.armed && seen.canGoStale()) {
      seen.deadline = seen.staleAfterNanos();
      seen.armed = true;
      due.add(seen);
    }
  }

  /** Reports every watched check that is stale at {@code nowNanos} to {@code stale}. */
  void expire(long nowNanos, Consumer<CheckAtVantage> stale) {
    CheckAtVantage next;
    while ((next = due.peek()) != null && nowNanos - next.deadline > 0) {
      due.poll();
      next.armed = false;
      if (nowNanos - next.staleAfterNanos() > 0) {
        stale.accept(next);
      } else {
        watch(next);
      }
    }
  }
}
