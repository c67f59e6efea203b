package io.sluice.controller.simulate;

import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.policies.Backend;
import io.sluice.policies.PolicySettings;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator needs of one configured service: its routes with their policies, and for each
 * backend its health rule and probes, probed from every vantage point.
 */
record SimulatedService(
    String name,
    List<Route> routes,
    Map<Backend, BackendSetup> backends,
    List<String> vantagePoints,
    Duration correlationWindow) {

  SimulatedService {
    routes = List.copyOf(routes);
    // Ordered by backend: probe phases are assigned in this order, and a run must replay exactly.
    backends = Collections.unmodifiableMap(new EnumMap<>(backends));
    vantagePoints = List.copyOf(vantagePoints);
  }

  /** One policy-driven route: the whole service for failover, one domain for diversion. */
  record Route(String name, PolicySettings settings) {}

  record BackendSetup(BackendRule rule, List<Probe> probes) {
    BackendSetup {
      probes = List.copyOf(probes);
    }
  }

  record Probe(String name, Duration interval, CheckThresholds thresholds) {}
}
