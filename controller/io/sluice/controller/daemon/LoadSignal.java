package io.sluice.controller.daemon;

import io.sluice.controller.config.PolicyConfig;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.health.signal.RuleLoad;
import io.sluice.policies.Backend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

/**
 * The CVM load a diversion's spill watches, from Cloud Monitor's latest figures on the CVM rule.
 * Cloud Monitor reports the average response time, not a percentile, so {@code p95-latency-ms}
 * reads the average: a spill threshold set for p95 triggers later than it would on a true p95. A
 * figure older than three periods is no figure: the spill then holds. Age is measured on the
 * daemon's wall clock, the one its Cloud Monitor queries and the policies' windows read, so the
 * three agree when that clock is not the system's.
 */
final class LoadSignal {
  private LoadSignal() {}

  static BiFunction<String, HealthMonitor, OptionalDouble> of(SluiceConfig config, Clock wall) {
    Map<String, PolicyConfig.SpillSignal> signals = new HashMap<>();
    for (ServiceConfig service : config.services()) {
      service
          .policy()
          .diversion()
          .flatMap(PolicyConfig.DiversionConfig::spill)
          .ifPresent(spill -> signals.put(service.name(), spill.signal()));
    }
    return (service, monitor) -> {
      PolicyConfig.SpillSignal signal = signals.get(service);
      if (signal == null) {
        return OptionalDouble.empty();
      }
      return value(signal, monitor.load(service, Backend.CVM), wall.instant());
    };
  }

  /**
   * The signal's value from the latest load, empty without one or when it is stale at {@code now}.
   */
  static OptionalDouble value(
      PolicyConfig.SpillSignal signal, Optional<RuleLoad> latest, Instant now) {
    return latest
        .filter(load -> fresh(load, now))
        .map(load -> read(signal, load))
        .orElse(OptionalDouble.empty());
  }

  private static boolean fresh(RuleLoad load, Instant now) {
    Duration age = Duration.between(load.periodStart(), now);
    return age.compareTo(load.period().multipliedBy(3)) <= 0;
  }

  private static OptionalDouble read(PolicyConfig.SpillSignal signal, RuleLoad load) {
    return switch (signal) {
      case FIVE_XX_RATE -> load.fiveXxRate();
      case P95_LATENCY_MS -> load.responseTimeAvgMs();
    };
  }
}
