package io.sluice.sandbox.clb;

import java.util.Objects;

/**
 * One target as health-checked: the same instance and port may be healthy on one rule and dead on
 * another, because each rule has its own check. {@code locationId} is null on a layer-4 listener.
 */
public record TargetHealthKey(
    String loadBalancerId, String listenerId, String locationId, String instanceId, int port) {
  public TargetHealthKey {
    Objects.requireNonNull(loadBalancerId, "loadBalancerId");
    Objects.requireNonNull(listenerId, "listenerId");
    Objects.requireNonNull(instanceId, "instanceId");
  }

  public static TargetHealthKey of(String loadBalancerId, BackendSite site, TargetBinding target) {
    return new TargetHealthKey(
        loadBalancerId, site.listenerId(), site.locationId(), target.instanceId(), target.port());
  }
}
