package io.sluice.sandbox.dataplane.routing;

import java.util.Objects;

/**
 * A real server bound to a layer-7 rule, as the control plane sees it: the declared private IP and
 * port are what the Monitor and the health API report; the data plane finds the instance's actual
 * loopback server by {@code instanceId}.
 *
 * @param weight 0–100; 0 means the CLB sends it nothing
 */
public record CvmTarget(String instanceId, String ip, int port, int weight) {
  public CvmTarget {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(ip, "ip");
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("weight: must be 0..100, got " + weight);
    }
  }
}
