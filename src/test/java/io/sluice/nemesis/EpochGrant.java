package io.sluice.nemesis;

import java.time.Instant;
import java.util.Objects;

/**
 * One grant of the group's epoch history ({@code /epochs/<N>} in ZooKeeper: the replica that took
 * leadership, and when, by the ensemble's clock).
 */
record EpochGrant(long epoch, String replica, Instant start) {
  EpochGrant {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(start, "start");
  }
}
