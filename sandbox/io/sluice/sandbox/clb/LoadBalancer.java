package io.sluice.sandbox.clb;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One CLB instance as the sandbox holds it: immutable, replaced whole on every change so that the
 * data plane always reads a consistent snapshot.
 *
 * @param vip where the data plane serves this load balancer, as {@code host:port}
 * @param forwardType {@code OPEN} for a public CLB, {@code INTERNAL} for a private one
 */
public record LoadBalancer(
    String loadBalancerId,
    String name,
    String vip,
    String region,
    String forwardType,
    List<Listener> listeners) {
  public LoadBalancer {
    Objects.requireNonNull(loadBalancerId, "loadBalancerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(vip, "vip");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(forwardType, "forwardType");
    listeners = List.copyOf(listeners);
  }

  public Optional<Listener> listener(String listenerId) {
    return listeners.stream().filter(l -> l.listenerId().equals(listenerId)).findFirst();
  }

  public Backends backends(BackendSite site) {
    return listener(site.listenerId()).orElseThrow().backends(site);
  }

  public LoadBalancer withBackends(BackendSite site, UnaryOperator<Backends> edit) {
    return withListener(site.listenerId(), l -> l.withBackends(site, edit.apply(l.backends(site))));
  }

  public LoadBalancer withListener(String listenerId, UnaryOperator<Listener> edit) {
    List<Listener> updated = new ArrayList<>();
    for (Listener l : listeners) {
      updated.add(l.listenerId().equals(listenerId) ? edit.apply(l) : l);
    }
    return new LoadBalancer(loadBalancerId, name, vip, region, forwardType, updated);
  }

  public LoadBalancer withListenerAdded(Listener added) {
    List<Listener> updated = new ArrayList<>(listeners);
    updated.add(added);
    return new LoadBalancer(loadBalancerId, name, vip, region, forwardType, updated);
  }
}
