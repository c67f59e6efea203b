package io.sluice.health.monitor;

import io.sluice.health.CorrelationGuard;
import io.sluice.policies.Backend;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link HealthMonitor} watches, as plain values: the controller maps its config onto
 * it, tests build it directly.
 *
 * @param services by service name, in order; each with the backends to probe (a backend left out
 *     reads UNKNOWN)
 * @param sentinels targets independent of every service, for the correlation guard
 * @param guard how the board tells a broken prober from broken backends
 */
public record Watchlist(
    Map<String, Map<Backend, BackendWatch>> services,
    List<ProbeWatch> sentinels,
    CorrelationGuard guard) {
  public Watchlist {
    Map<String, Map<Backend, BackendWatch>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(services, "services")
        .forEach(
            (name, backends) -> {
              Map<Backend, BackendWatch> byBackend = new EnumMap<>(Backend.class);
              byBackend.putAll(backends);
              copy.put(name, Collections.unmodifiableMap(byBackend));
            });
    services = Collections.unmodifiableMap(copy);
    sentinels = List.copyOf(sentinels);
    Objects.requireNonNull(guard, "guard");
  }

  /** Whether any backend has cloud signals or a load to read. */
  public boolean readsTheCloud() {
    return services.values().stream()
        .flatMap(backends -> backends.values().stream())
        .anyMatch(watch -> !watch.signals().isEmpty() || watch.load().isPresent());
  }
}
