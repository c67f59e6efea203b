package io.sluice.controller.actuate.clb;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long this rule's CLB tasks take, learned from the last few, so that polls while the rule
 * routes to nothing land when the task is due to end rather than on a fixed pause: the unrouted gap
 * of a switch then comes close to the one task duration the API makes it cost (BENCHMARKS.md,
 * "Errors during a switch"), without polling a slow region's tasks every few milliseconds.
 *
 * <p>Each duration seen is an upper bound (the task ended at some point before the poll that saw it
 * done), so the shortest of the last {@link #REMEMBERED} is the tightest estimate. Not thread safe;
 * used on the actuator's context.
 */
final class TaskPace {
  /** The pause between polls once a task is due, while the rule routes to nothing. */
  static final Duration DUE_PAUSE = Duration.ofMillis(10);

  static final int REMEMBERED = 8;

  private final long[] seenNanos = new long[REMEMBERED];
  private int seen;

  /** A task of this rule was seen done {@code nanos} after its write was answered. */
  void ended(long nanos) {
    seenNanos[seen % REMEMBERED] = Math.max(0, nanos);
    seen++;
  }

  /**
   * The pause before the next poll of a task {@code elapsedNanos} after its write, while the rule
   * routes to nothing: until a little before the task is due, then {@link #DUE_PAUSE}; {@code
   * unknown} before any task has been seen done.
   */
  Duration hurriedPause(long elapsedNanos, Duration unknown) {
    if (seen == 0) {
      return unknown;
    }
    long expected = Arrays.stream(seenNanos, 0, Math.min(seen, REMEMBERED)).min().orElseThrow();
    // start a fifth early: polling exactly at the estimate would only ever confirm it, never see
    // a task end sooner, and an estimate that came out long would stay long
    long due = expected - Math.max(DUE_PAUSE.toNanos(), expected / 5);
    long remaining = due - elapsedNanos;
    return remaining > DUE_PAUSE.toNanos() ? Duration.ofNanos(remaining) : DUE_PAUSE;
  }
}
