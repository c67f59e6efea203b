package io.sluice.controller.simulate;

import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ProbeConfig;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.policies.Backend;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builds what the simulator runs from a loaded config. */
final class SimulatedServices {
  private SimulatedServices() {}

  static SimulatedService of(SluiceConfig config, ServiceConfig service) {
    List<SimulatedService.Route> routes =
        config.routes(service).stream()
            .map((RouteSettings r) -> new SimulatedService.Route(r.route(), r.settings()))
            .toList();
    Map<Backend, SimulatedService.BackendSetup> backends = new EnumMap<>(Backend.class);
    for (Backend b : Backend.values()) {
      BackendConfig backend = service.backends().get(b);
      backends.put(
          b,
          new SimulatedService.BackendSetup(
              backend.health().toRule(),
              backend.probes().stream().map(SimulatedServices::probe).toList()));
    }
    return new SimulatedService(
        service.name(),
        routes,
        backends,
        config.controller().vantagePoints(),
        config.controller().correlationWindow());
  }

  private static SimulatedService.Probe probe(ProbeConfig p) {
    return new SimulatedService.Probe(p.name(), p.interval(), p.thresholds());
  }
}
