package io.sluice.sandbox.dataplane.routing;

import java.util.Objects;

/**
 * Names one CLB listener, the unit the data plane gives its own loopback port (its VIP), so that
 * the control plane and the data plane can talk about the same listener without sharing models.
 *
 * @param loadBalancerId e.g. {@code lb-12345678}
 * @param listenerId e.g. {@code lbl-12345678}
 */
public record ListenerKey(String loadBalancerId, String listenerId) {
  public ListenerKey {
    Objects.requireNonNull(loadBalancerId, "loadBalancerId");
    Objects.requireNonNull(listenerId, "listenerId");
  }
}
