package io.sluice.health;

import java.util.Arrays;
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
 *
 * <p>The queue is a binary heap over a plain array of deadlines, beside the array of checks: its
 * comparisons read neighbouring longs, not a check object each, so that its logarithmic depth stays
 * within the cache at thousands of checks (a heap of objects cost 80 ns a result at 1,000 services;
 * BENCHMARKS.md). Deadlines are compared by subtraction (the monotonic clock may wrap), and equal
 * ones in registration order, so that checks going stale together are reported in that order.
 */
final class StaleChecks {
  private long[] deadlines = new long[64];
  private CheckAtVantage[] checks = new CheckAtVantage[64];
  private int size;

  /** Watches {@code seen} for staleness, if it can go stale and is not watched already. */
  void watch(CheckAtVantage seen) {
    if (!seen.armed && seen.canGoStale()) {
      seen.armed = true;
      push(seen, seen.staleAfterNanos());
    }
  }

  /** Reports every watched check that is stale at {@code nowNanos} to {@code stale}. */
  void expire(long nowNanos, Consumer<CheckAtVantage> stale) {
    while (size > 0 && nowNanos - deadlines[0] > 0) {
      CheckAtVantage next = pop();
      next.armed = false;
      if (nowNanos - next.staleAfterNanos() > 0) {
        stale.accept(next);
      } else {
        watch(next);
      }
    }
  }

  private void push(CheckAtVantage check, long deadline) {
    if (size == deadlines.length) {
      deadlines = Arrays.copyOf(deadlines, size * 2);
      checks = Arrays.copyOf(checks, size * 2);
    }
    int at = size++;
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!earlier(deadline, check, deadlines[parent], checks[parent])) {
        break;
      }
      place(at, deadlines[parent], checks[parent]);
      at = parent;
    }
    place(at, deadline, check);
  }

  private CheckAtVantage pop() {
    CheckAtVantage first = checks[0];
    size--;
    long deadline = deadlines[size];
    CheckAtVantage check = checks[size];
    checks[size] = null;
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && earlier(deadlines[child + 1], checks[child + 1], deadlines[child], checks[child])) {
        child++;
      }
      if (!earlier(deadlines[child], checks[child], deadline, check)) {
        break;
      }
      place(at, deadlines[child], checks[child]);
      at = child;
    }
    if (size > 0) {
      place(at, deadline, check);
    }
    return first;
  }

  private void place(int at, long deadline, CheckAtVantage check) {
    deadlines[at] = deadline;
    checks[at] = check;
  }

  private static boolean earlier(long a, CheckAtVantage checkA, long b, CheckAtVantage checkB) {
    return a == b ? checkA.order < checkB.order : a - b < 0;
  }
}
