package io.sluice.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * How each action's guard limits, retries and breaks. The defaults are sized for control-plane
 * rates: Resilience4j's own breaker defaults (a 100-call window with a minimum of 100 calls) would
 * never open at one call every few seconds.
 *
 * @param rateShare the share of the documented per-action limit the limiter allows (0-1]
 * @param limiterWait how long a call may wait for a permit before it reads as throttled
 * @param maxAttempts attempts per call including the first, for retryable failures only
 * @param firstBackoff the first retry's wait; later ones double, each with ±50% jitter
 * @param maxBackoff the cap on one retry's wait
 * @param breakerWindow the time-based window over which the failure rate is measured
 * @param breakerMinimumCalls calls in the window before the failure rate is judged
 * @param breakerFailureRate the failure percentage that opens the circuit
 * @param breakerOpenFor how long an open circuit refuses calls before letting one through
 */
public record GuardSettings(
    double rateShare,
    Duration limiterWait,
    int maxAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration breakerWindow,
    int breakerMinimumCalls,
    float breakerFailureRate,
    Duration breakerOpenFor,
    Duration callBudget) {

  public GuardSettings {
    if (!(rateShare > 0 && rateShare <= 1)) {
      throw new IllegalArgumentException("rateShare: must be in (0, 1], got " + rateShare);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts: must be at least 1, got " + maxAttempts);
    }
    if (breakerMinimumCalls < 1) {
      throw new IllegalArgumentException(
          "breakerMinimumCalls: must be at least 1, got " + breakerMinimumCalls);
    }
    if (!(breakerFailureRate > 0 && breakerFailureRate <= 100)) {
      throw new IllegalArgumentException(
          "breakerFailureRate: must be in (0, 100], got " + breakerFailureRate);
    }
    positive("limiterWait", limiterWait);
    positive("firstBackoff", firstBackoff);
    positive("maxBackoff", maxBackoff);
    positive("breakerOpenFor", breakerOpenFor);
    positive("callBudget", callBudget);
    if (Objects.requireNonNull(breakerWindow, "breakerWindow").toSeconds() < 1) {
      throw new IllegalArgumentException(
          "breakerWindow: must be at least 1 s, got " + breakerWindow);
    }
  }

  /**
   * 75% of the documented rate (CLB 20/s → 15/s), 4 attempts from 200 ms up to 2 s, a 60 s window
   * judged after 3 calls at 50% failures, open for 5 s, and at most 15 s for a whole call with its
   * waits and retries (past it the signal reads Inconclusive while the attempt finishes unseen).
   *
   * <p>Open for 5 s, not longer: at control-plane rates an open circuit sheds little load, and
   * every second it stays open after the cloud recovers is a second a failover write waits (with 30
   * s, routes took 43-52 s to converge after a fault cleared).
   */
  public static GuardSettings defaults() {
    return new GuardSettings(
        0.75,
        Duration.ofSeconds(2),
        4,
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        3,
        50f,
        DEFAULT_BREAKER_OPEN_FOR,
        Duration.ofSeconds(15));
  }

  /** How long an open circuit refuses calls by default. */
  public static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(5);

  public GuardSettings withRetries(int attempts, Duration first) {
    return new GuardSettings(
        rateShare,
        limiterWait,
        attempts,
        first,
        maxBackoff,
        breakerWindow,
        breakerMinimumCalls,
        breakerFailureRate,
        breakerOpenFor,
        callBudget);
  }

  /** The limiter's permits per second for the action, never below one. */
  int permitsPerSecond(CloudAction action) {
    return Math.max(1, (int) Math.floor(action.documentedPerSecond() * rateShare));
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }
}
