package io.sluice.sandbox.clb;

import java.util.Objects;

/**
 * Where a write lands inside one load balancer: a listener, and for layer 7 one of its rules
 * ({@code locationId} null for a layer-4 listener).
 */
public record BackendSite(String listenerId, String locationId) {
  public BackendSite {
    Objects.requireNonNull(listenerId, "listenerId");
  }
}
