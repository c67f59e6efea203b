package io.sluice.sandbox.dataplane.clb;

import java.util.Objects;

/** The identity of one health verdict, the nesting {@code DescribeTargetHealth} reports it in. */
public record TargetKey(
    String loadBalancerId, String listenerId, String locationId, String instanceId, int port) {
  public TargetKey {
    Objects.requireNonNull(loadBalancerId, "loadBalancerId");
    Objects.requireNonNull(listenerId, "listenerId");
    Objects.requireNonNull(locationId, "locationId");
    Objects.requireNonNull(instanceId, "instanceId");
  }
}
