package io.sluice.controller.reconcile;

import io.sluice.cloud.DeadlineCap;
import io.sluice.controller.ha.Leadership;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The deadline cap of a replica's cloud calls: how long it may still act ({@link
 * Leadership#actFor}), so that every call ends before another replica could lead, and none is sent
 * while it follows or its connection is SUSPENDED. Solo, the lease is unbounded and the guards' own
 * budgets decide alone.
 */
public final class LeaseCap {
  private LeaseCap() {}

  /**
   * @param nanos the monotonic clock {@code leadership}'s lease is measured on
   */
  public static DeadlineCap of(Leadership leadership, LongSupplier nanos) {
    Objects.requireNonNull(leadership, "leadership");
    Objects.requireNonNull(nanos, "nanos");
    return () -> {
      long left = leadership.actFor(nanos.getAsLong()).toNanos();
      return left > 0 ? left : 0;
    };
  }
}
