package io.sluice.controller.ha;

/** Where a replica stands in its group, and so whether it may write to the cloud. */
public enum Role {
  /** No group ({@code controller.ha} absent): one process that always acts, as before HA. */
  SOLO,
  /** Holds the group's leadership in its epoch, connected and within its lease: it acts. */
  LEADING,
  /**
   * Another replica leads, or none does yet, or this one lost its connection: it probes, publishes
   * its verdicts and answers reads, and writes nothing to the cloud.
   */
  FOLLOWING;

  /** Whether a replica in this role may make cloud writes. */
  public boolean acts() {
    return this != FOLLOWING;
  }
}
