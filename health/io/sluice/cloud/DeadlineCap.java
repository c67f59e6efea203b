package io.sluice.cloud;

/**
 * How long the caller may still have cloud calls in flight, from now: a bound under the guard's own
 * call budget. A controller replica passes how long it may still act (its leadership's lease), so
 * that no call it makes ends after another replica could have begun acting; the cloud layer knows
 * nothing of leases, only this number.
 */
@FunctionalInterface
public interface DeadlineCap {
  /**
   * Nanoseconds from now by which a call must be over; 0 or less: no call may be sent at all. Read
   * when a call starts.
   */
  long remainingNanos();

  /** No bound beyond the guard's call budget (a single process, a probe). */
  DeadlineCap UNBOUNDED = () -> Long.MAX_VALUE;
}
