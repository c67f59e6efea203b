package io.sluice.health.signal;

import java.util.Objects;

/** One CLB forwarding rule, as DescribeTargetHealth addresses it. */
public record ClbRule(String loadBalancerId, String listenerId, String locationId) {
  public ClbRule {
    Objects.requireNonNull(loadBalancerId, "loadBalancerId");
    Objects.requireNonNull(listenerId, "listenerId");
    Objects.requireNonNull(locationId, "locationId");
  }

  @Override
  public String toString() {
    return loadBalancerId + "/" + listenerId + "/" + locationId;
  }
}
