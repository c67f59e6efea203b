package io.sluice.sandbox.dataplane.routing;

import java.util.List;

/**
 * The data plane's read-only view of the CLB control plane: the current rules of one listener. The
 * control-plane model implements it; the data plane reads it on every request and health tick, so
 * it must be cheap and return an immutable snapshot.
 */
public interface RoutingTable {

  /** The layer-7 rules of the listener as of now; empty when it has none or no longer exists. */
  List<L7Rule> rules(ListenerKey listener);
}
