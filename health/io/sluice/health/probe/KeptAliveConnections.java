package io.sluice.health.probe;

import io.vertx.core.http.HttpConnection;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The pooled connections that have carried a probe, so that an exchange can tell a connection kept
 * alive from an earlier probe from a fresh one. Held weakly: a connection the pool has dropped is
 * forgotten with it.
 */
final class KeptAliveConnections {
  private final Set<HttpConnection> used =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Whether the connection carried an earlier request; from now on, it has. */
  boolean reuse(HttpConnection connection) {
    return !used.add(connection);
  }
}
