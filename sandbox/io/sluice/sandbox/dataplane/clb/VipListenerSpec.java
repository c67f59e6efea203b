package io.sluice.sandbox.dataplane.clb;

import io.sluice.sandbox.dataplane.routing.ListenerKey;
import java.util.Objects;

/**
 * A listener to open on loopback. The declared VIP and port are what the control plane shows and
 * the Monitor records; the socket itself gets a free loopback port.
 */
public record VipListenerSpec(ListenerKey listener, String vip, int vport) {
  public VipListenerSpec {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(vip, "vip");
  }
}
