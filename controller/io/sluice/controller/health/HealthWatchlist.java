package io.sluice.controller.health;

import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ControllerConfig;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.monitor.BackendWatch;
import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.monitor.Watchlist;
import io.sluice.policies.Backend;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a validated config onto what the health monitor watches. */
public final class HealthWatchlist {
  private HealthWatchlist() {}

  /**
   * Every service's two backends with their rule and probes, the sentinels, and the correlation
   * window. Each backend probe is aimed at its {@code target} or else its backend's CLB.
   */
  public static Watchlist from(SluiceConfig config) {
    Map<String, Map<Backend, BackendWatch>> services = new LinkedHashMap<>();
    for (ServiceConfig service : config.services()) {
      Map<Backend, BackendWatch> backends = new EnumMap<>(Backend.class);
      for (Backend backend : Backend.values()) {
        backends.put(backend, watch(service.backends().get(backend)));
      }
      services.put(service.name(), backends);
    }
    ControllerConfig controller = config.controller();
    List<ProbeWatch> sentinels =
        controller.sentinels().stream()
            .map(s -> new ProbeWatch(s.name(), s.probe().toSpec(), s.probe().thresholds()))
            .toList();
    return new Watchlist(services, sentinels, new CorrelationGuard(controller.correlationWindow()));
  }

  /** The vantage point this controller probes from: the first one the config names. */
  public static String localVantage(SluiceConfig config) {
    return config.controller().vantagePoints().getFirst();
  }

  private static BackendWatch watch(BackendConfig backend) {
    List<ProbeWatch> checks =
        backend.probes().stream()
            .map(p -> new ProbeWatch(p.name(), p.toSpec(backend.clb()), p.thresholds()))
            .toList();
    return new BackendWatch(backend.health().toRule(), checks);
  }
}
