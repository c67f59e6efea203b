package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.Params;

/**
 * Finds where a write lands: the listener named by {@code ListenerId}, then on a layer-7 listener
 * the rule named by {@code LocationId} or, when that is absent, by {@code Domain}+{@code Url}
 * (documented order). On a layer-4 listener the rule parameters are ignored.
 */
final class SiteLocator {
  private SiteLocator() {}

  static BackendSite locate(LoadBalancer lb, Params p) {
    return locate(lb, p, false);
  }

  /** The same, for function binding, which only HTTP and HTTPS listeners allow. */
  static BackendSite locateForFunction(LoadBalancer lb, Params p) {
    return locate(lb, p, true);
  }

  private static BackendSite locate(LoadBalancer lb, Params p, boolean layer7Only) {
    String listenerId = p.requireString("ListenerId");
    Listener listener =
        lb.listener(listenerId)
            .orElseThrow(
                () ->
                    new ApiException(
                        "InvalidParameter.ListenerIdNotFound",
                        "ListenerId " + listenerId + " not found in " + lb.loadBalancerId() + "."));
    if (!listener.protocol().hasRules()) {
      if (layer7Only) {
        throw new ApiException(
            "InvalidParameter.ProtocolCheckFailed",
            "Functions can be bound only to HTTP/HTTPS listeners; "
                + listenerId
                + " is "
                + listener.protocol()
                + ".");
      }
      return new BackendSite(listenerId, null);
    }
    return new BackendSite(listenerId, rule(listener, p).locationId());
  }

  private static Rule rule(Listener listener, Params p) {
    if (p.has("LocationId")) {
      String locationId = p.requireString("LocationId");
      return listener.rule(locationId).orElseThrow(() -> notFound("LocationId " + locationId));
    }
    if (!p.has("Domain") || !p.has("Url")) {
      throw new ApiException(
          "MissingParameter", "A layer-7 listener needs `LocationId` or `Domain` and `Url`.");
    }
    String domain = p.requireString("Domain");
    String url = p.requireString("Url");
    return listener
        .rule(domain, url)
        .orElseThrow(() -> notFound("Domain " + domain + " Url " + url));
  }

  private static ApiException notFound(String what) {
    return new ApiException("InvalidParameter.LocationNotFound", what + " not found.");
  }
}
