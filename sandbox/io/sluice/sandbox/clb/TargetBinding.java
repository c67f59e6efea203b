package io.sluice.sandbox.clb;

import java.util.Objects;

/**
 * What identifies a real server on a listener or rule: CLB binds the same instance once per port,
 * so {@code (InstanceId, Port)} is the key that Register, Deregister and weight changes name.
 */
public record TargetBinding(String instanceId, int port) {
  public TargetBinding {
    Objects.requireNonNull(instanceId, "instanceId");
  }

  @Override
  public String toString() {
    return instanceId + ":" + port;
  }
}
