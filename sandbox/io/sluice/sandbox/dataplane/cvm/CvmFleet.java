package io.sluice.sandbox.dataplane.cvm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one real HTTP server per running emulated CVM, in line with the {@link InstanceRegistry}: a
 * reconcile starts servers for instances that should run and closes those that are stopped. A
 * stopped instance keeps its last port, so traffic aimed at it is refused rather than misrouted.
 */
public final class CvmFleet {

  private final Vertx vertx;
  private final InstanceRegistry registry;
  private final Map<String, InstanceServer> running = new HashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private Future<Void> lastReconcile = Future.succeededFuture();

  public CvmFleet(Vertx vertx, InstanceRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /** The loopback port of the instance's server, also after it stopped; empty when it never ran. */
  public Optional<Integer> port(String instanceId) {
    return Optional.ofNullable(ports.get(instanceId));
  }

  /** How many instances the registry knows, running or not. */
  public int instances() {
    return registry.instanceIds().size();
  }

  /** Brings the servers in line with the registry; calls are serialised. */
  public synchronized Future<Void> reconcile() {
    lastReconcile = lastReconcile.transform(ignored -> reconcileNow());
    return lastReconcile;
  }

  /** Closes every server. */
  public synchronized Future<Void> close() {
    lastReconcile = lastReconcile.transform(ignored -> closeAll());
    return lastReconcile;
  }

  private Future<Void> reconcileNow() {
    List<Future<?>> changes = new ArrayList<>();
    for (String id : List.copyOf(running.keySet())) {
      if (!registry.instanceIds().contains(id)
          || registry.behaviour(id) instanceof InstanceBehaviour.Stopped) {
        changes.add(running.remove(id).close());
      }
    }
    for (String id : registry.instanceIds()) {
      if (!running.containsKey(id)
          && !(registry.behaviour(id) instanceof InstanceBehaviour.Stopped)) {
        InstanceServer server = new InstanceServer(vertx, id, () -> registry.behaviour(id));
        running.put(id, server);
        changes.add(server.listen(ports.getOrDefault(id, 0)).onSuccess(p -> ports.put(id, p)));
      }
    }
    return Future.join(changes).mapEmpty();
  }

  private Future<Void> closeAll() {
    List<Future<?>> closes = new ArrayList<>();
    running.values().forEach(server -> closes.add(server.close()));
    running.clear();
    return Future.join(closes).mapEmpty();
  }
}
