package io.sluice.sandbox.clb;

import java.util.Objects;

/**
 * A CVM real server bound to a listener or rule ({@code Backend} with {@code Type} CVM). Weight 0
 * keeps the binding but takes it out of rotation, which is how the controller drains.
 */
public record CvmTarget(String instanceId, int port, int weight) {
  /** The documented default weight of a newly bound target. */
  public static final int DEFAULT_WEIGHT = 10;

  public static final int MAX_WEIGHT = 100;

  public CvmTarget {
    Objects.requireNonNull(instanceId, "instanceId");
    if (weight < 0 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight: must be 0-100, got " + weight);
    }
  }

  public TargetBinding binding() {
    return new TargetBinding(instanceId, port);
  }

  public CvmTarget withWeight(int newWeight) {
    return new CvmTarget(instanceId, port, newWeight);
  }
}
