package io.sluice.controller.actuate.clb;

import java.util.Objects;

/**
 * A CVM real server on a CLB rule: the instance, the port it serves on and its weight. CLB names a
 * binding by instance and port, so one instance may serve the rule on two ports.
 *
 * @param weight 0-100; 0 keeps the binding but takes it out of rotation
 */
public record CvmTarget(String instanceId, int port, int weight) {
  public static final int MAX_WEIGHT = 100;

  public CvmTarget {
    Objects.requireNonNull(instanceId, "instanceId");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: must be 1-65535, got " + port);
    }
    if (weight < 0 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight: must be 0-100, got " + weight);
    }
  }

  /** What names the binding on the rule, such as {@code ins-1:80}. */
  public String binding() {
    return instanceId + ":" + port;
  }

  public CvmTarget withWeight(int newWeight) {
    return new CvmTarget(instanceId, port, newWeight);
  }

  @Override
  public String toString() {
    return binding() + " weight=" + weight;
  }
}
