package io.sluice.controller.ha;

/**
 * The group's clock: ZooKeeper's (the time its leader stamps on each transaction), mapped to this
 * replica's monotonic clock. Replicas carry timers to each other (an override's expiry, how long a
 * failback has waited) on this clock, so that one replica's wall clock being off, or jumping, does
 * not end an override early or restart a wait. Solo, it is the local wall clock.
 */
public interface GroupTime {
  /** The group's time, in epoch milliseconds, at this replica's monotonic {@code nanos}. */
  long groupMillis(long nanos);

  /** This replica's monotonic time at the group's time {@code groupMillis}. */
  long localNanos(long groupMillis);
}
