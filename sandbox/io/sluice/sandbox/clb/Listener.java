package io.sluice.sandbox.clb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CLB listener on one protocol and port. Layer-7 listeners forward through {@link #rules()};
 * layer-4 listeners hold their targets directly in {@link #backends()}.
 */
public record Listener(
    String listenerId,
    String name,
    ListenerProtocol protocol,
    int port,
    Instant createdAt,
    List<Rule> rules,
    Backends backends) {
  public Listener {
    Objects.requireNonNull(listenerId, "listenerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(createdAt, "createdAt");
    rules = List.copyOf(rules);
    Objects.requireNonNull(backends, "backends");
  }

  public Optional<Rule> rule(String locationId) {
    return rules.stream().filter(r -> r.locationId().equals(locationId)).findFirst();
  }

  public Optional<Rule> rule(String domain, String url) {
    return rules.stream().filter(r -> r.matches(domain, url)).findFirst();
  }

  /** The backends at a site on this listener: its own (layer 4) or one rule's (layer 7). */
  public Backends backends(BackendSite site) {
    return site.locationId() == null ? backends : rule(site.locationId()).orElseThrow().backends();
  }

  public Listener withBackends(BackendSite site, Backends next) {
    if (site.locationId() == null) {
      return new Listener(listenerId, name, protocol, port, createdAt, rules, next);
    }
    List<Rule> updated = new ArrayList<>();
    for (Rule r : rules) {
      updated.add(r.locationId().equals(site.locationId()) ? r.withBackends(next) : r);
    }
    return new Listener(listenerId, name, protocol, port, createdAt, updated, backends);
  }

  public Listener withRule(Rule added) {
    List<Rule> updated = new ArrayList<>(rules);
    updated.add(added);
    return new Listener(listenerId, name, protocol, port, createdAt, updated, backends);
  }
}
