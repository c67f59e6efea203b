package io.sluice.controller.reconcile;

import java.time.Duration;

/**
 * The pause after a failed read or change: 1 s doubling up to 60 s, but never more than {@link
 * #URGENT_MAX} while the change waiting on it is urgent (it moves traffic off a DOWN backend, or
 * gives a piece that routes nothing a target), so that it is retried within a few seconds of the
 * cloud answering again. Consecutive failures count until a change succeeds or the route is found
 * converged: a successful read alone does not reset them, so a write that keeps failing is seen as
 * failing again and again, and escalated after {@link #ESCALATE_AFTER} attempts.
 */
final class Backoff {
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(60);
  static final Duration URGENT_MAX = Duration.ofSeconds(4);
  static final int ESCALATE_AFTER = 5;

  private int failures;
  private long nextAttemptNanos;
  private long failedAtNanos;

  /**
   * @param nowNanos where the monotonic clock stands, so the first attempt is due at once
   */
  Backoff(long nowNanos) {
    this.nextAttemptNanos = nowNanos;
  }

  /**
   * Whether the next attempt may start; monotonic times compare by subtraction. While {@code
   * urgent}, the pause is at most {@link #URGENT_MAX} from the last failure, whatever it was when
   * that failure was counted: a change that became urgent since does not wait out a longer pause.
   */
  boolean due(long nowNanos, boolean urgent) {
    return nowNanos - nextAttemptNanos >= 0
        || (urgent && failures > 0 && nowNanos - failedAtNanos >= URGENT_MAX.toNanos());
  }

  /** Counts a failure and returns the pause before the next attempt. */
  Duration failed(long nowNanos, boolean urgent) {
    failures++;
    failedAtNanos = nowNanos;
    Duration cap = urgent ? URGENT_MAX : MAX;
    long delay = Math.min(cap.toNanos(), FIRST.toNanos() << Math.min(failures - 1, 16));
    nextAttemptNanos = nowNanos + delay;
    return Duration.ofNanos(delay);
  }

  /** Forgets every failure and makes the next attempt due at once: a new leader's fresh start. */
  void reset(long nowNanos) {
    failures = 0;
    nextAttemptNanos = nowNanos;
  }

  void succeeded() {
    failures = 0;
  }

  int failures() {
    return failures;
  }

  boolean escalated() {
    return failures >= ESCALATE_AFTER;
  }
}
