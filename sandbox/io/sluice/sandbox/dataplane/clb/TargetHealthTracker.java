package io.sluice.sandbox.dataplane.clb;

/**
 * The threshold rule of one target's health check, kept apart from I/O so it can be tested by
 * feeding results: Unknown until a threshold is first reached, then Alive or Dead, flipping only
 * after the opposite threshold of consecutive results.
 */
final class TargetHealthTracker {

  private final int healthyThreshold;
  private final int unhealthyThreshold;
  private TargetHealth health = TargetHealth.UNKNOWN;
  private int successes;
  private int failures;

  TargetHealthTracker(int healthyThreshold, int unhealthyThreshold) {
    this.healthyThreshold = healthyThreshold;
    this.unhealthyThreshold = unhealthyThreshold;
  }

  /** Records one check and returns the verdict after it. */
  TargetHealth record(boolean success) {
    if (success) {
      successes++;
      failures = 0;
      if (successes >= healthyThreshold) {
        health = TargetHealth.ALIVE;
      }
    } else {
      failures++;
      successes = 0;
      if (failures >= unhealthyThreshold) {
        health = TargetHealth.DEAD;
      }
    }
    return health;
  }
}
