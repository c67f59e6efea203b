package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The sandbox's CLB inventory. Load balancers are immutable records replaced atomically (one {@link
 * ConcurrentHashMap#compute} per change), so readers on other threads see either the old or the new
 * snapshot, never half a change. The seeding methods ({@link #createLoadBalancer} and friends) are
 * for the assembler and tests: the emulated API does not create resources.
 */
public final class ClbState implements ClbRouting {
  private final Map<String, LoadBalancer> byId = new ConcurrentHashMap<>();
  private final List<Consumer<LoadBalancer>> changeListeners = new CopyOnWriteArrayList<>();
  private final ResourceIds ids;
  private final Clock clock;

  public ClbState(ResourceIds ids, Clock clock) {
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public List<LoadBalancer> loadBalancers() {
    List<LoadBalancer> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparing(LoadBalancer::loadBalancerId));
    return all;
  }

  @Override
  public Optional<LoadBalancer> loadBalancer(String loadBalancerId) {
    return Optional.ofNullable(byId.get(loadBalancerId));
  }

  @Override
  public void addChangeListener(Consumer<LoadBalancer> onChange) {
    changeListeners.add(onChange);
  }

  /** The load balancer, or the API's {@code InvalidParameter.LBIdNotFound}. */
  public LoadBalancer require(String loadBalancerId) {
    return loadBalancer(loadBalancerId).orElseThrow(() -> notFound(loadBalancerId));
  }

  /**
   * Applies one change atomically; an {@link ApiException} from the edit leaves state as it was.
   */
  public LoadBalancer update(String loadBalancerId, UnaryOperator<LoadBalancer> edit) {
    LoadBalancer next =
        byId.compute(
            loadBalancerId,
            (id, current) -> {
              if (current == null) {
                throw notFound(id);
              }
              return edit.apply(current);
            });
    changeListeners.forEach(l -> l.accept(next));
    return next;
  }

  /**
   * Unbinds every target of a terminated instance from every listener and rule, as CLB does when
   * the instance goes away (UNCONFIRMED how soon; here at once).
   */
  public void forgetInstance(String instanceId) {
    for (LoadBalancer lb : loadBalancers()) {
      List<BackendSite> sites = sitesBinding(lb, instanceId);
      if (sites.isEmpty()) {
        continue;
      }
      update(
          lb.loadBalancerId(),
          current -> {
            LoadBalancer next = current;
            for (BackendSite site : sites) {
              next = next.withBackends(site, b -> b.deregister(bindingsOf(b, instanceId)));
            }
            return next;
          });
    }
  }

  private static List<BackendSite> sitesBinding(LoadBalancer lb, String instanceId) {
    List<BackendSite> sites = new ArrayList<>();
    for (Listener listener : lb.listeners()) {
      List<BackendSite> candidates = new ArrayList<>();
      candidates.add(new BackendSite(listener.listenerId(), null));
      listener
          .rules()
          .forEach(r -> candidates.add(new BackendSite(listener.listenerId(), r.locationId())));
      for (BackendSite site : candidates) {
        if (!bindingsOf(listener.backends(site), instanceId).isEmpty()) {
          sites.add(site);
        }
      }
    }
    return sites;
  }

  private static List<TargetBinding> bindingsOf(Backends backends, String instanceId) {
    return backends.targets().stream()
        .filter(t -> t.instanceId().equals(instanceId))
        .map(t -> new TargetBinding(t.instanceId(), t.port()))
        .toList();
  }

  /** Adds a whole load balancer with its own ids, as a scenario file declares it. */
  public LoadBalancer seed(LoadBalancer lb) {
    if (byId.putIfAbsent(lb.loadBalancerId(), lb) != null) {
      throw new IllegalArgumentException("loadBalancers: duplicate id " + lb.loadBalancerId());
    }
    changeListeners.forEach(l -> l.accept(lb));
    return lb;
  }

  public LoadBalancer createLoadBalancer(String name, String vip, String region) {
    LoadBalancer lb = new LoadBalancer(ids.next("lb"), name, vip, region, "OPEN", List.of());
    byId.put(lb.loadBalancerId(), lb);
    changeListeners.forEach(l -> l.accept(lb));
    return lb;
  }

  public Listener createListener(
      String loadBalancerId, ListenerProtocol protocol, int port, String name) {
    Listener listener =
        new Listener(
            ids.next("lbl"), name, protocol, port, clock.instant(), List.of(), Backends.EMPTY);
    update(loadBalancerId, lb -> lb.withListenerAdded(listener));
    return listener;
  }

  /** Adds a layer-7 rule; only HTTP and HTTPS listeners have rules. */
  public Rule createRule(String loadBalancerId, String listenerId, String domain, String url) {
    Rule rule = new Rule(ids.next("loc"), domain, url, clock.instant(), Backends.EMPTY);
    update(
        loadBalancerId,
        lb ->
            lb.withListener(
                listenerId,
                l -> {
                  if (!l.protocol().hasRules()) {
                    throw new IllegalArgumentException(
                        "listener " + listenerId + " is " + l.protocol() + ": it has no rules");
                  }
                  return l.withRule(rule);
                }));
    return rule;
  }

  private static ApiException notFound(String loadBalancerId) {
    return new ApiException(
        "InvalidParameter.LBIdNotFound", "LoadBalancerId " + loadBalancerId + " not found.");
  }
}
