package io.sluice.controller.health;

import io.sluice.cloud.ClbRule;
import io.sluice.cloud.FunctionRef;
import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ClbTarget;
import io.sluice.controller.config.ControllerConfig;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SignalsConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.VantagePoints;
import io.sluice.health.monitor.BackendWatch;
import io.sluice.health.monitor.CloudSignal;
import io.sluice.health.monitor.LoadWatch;
import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.monitor.SignalWatch;
import io.sluice.health.monitor.Watchlist;
import io.sluice.health.signal.RuleTraffic;
import io.sluice.policies.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * The vantage points of one replica of a group (with {@code controller.ha}): every one the config
   * names, each a replica's, of which {@code replica}'s own is probed here and the others are
   * reported; a report older than {@code staleAfter} counts as UNKNOWN.
   *
   * @throws IllegalArgumentException when {@code controller.vantagePoints} does not name {@code
   *     replica}
   */
  public static VantagePoints vantagePoints(
      SluiceConfig config, String replica, Duration staleAfter) {
    List<String> names = config.controller().vantagePoints();
    if (!names.contains(replica)) {
      throw new IllegalArgumentException(
          "controller.vantagePoints "
              + names
              + " must name every replica, this one ('"
              + replica
              + "') too: each replica is a vantage point");
    }
    return new VantagePoints(names, replica, staleAfter);
  }

  private static BackendWatch watch(BackendConfig backend) {
    List<ProbeWatch> checks =
        backend.probes().stream()
            .map(p -> new ProbeWatch(p.name(), p.toSpec(backend.clb()), p.thresholds()))
            .toList();
    List<SignalWatch> signals = new ArrayList<>();
    Optional<SignalsConfig.Load> load;
    switch (backend) {
      case BackendConfig.Cvm cvm -> {
        SignalsConfig.Cvm config =
            cvm.signals()
                .orElse(
                    new SignalsConfig.Cvm(Optional.empty(), Optional.empty(), Optional.empty()));
        ClbRule rule = rule(cvm.clb());
        config
            .clbTargetHealth()
            .ifPresent(
                s ->
                    signals.add(
                        signal(
                            SignalsConfig.CLB_TARGET_HEALTH,
                            s.schedule(),
                            new CloudSignal.ClbTargets(rule),
                            s.holdWhenAlive())));
        config
            .instanceState()
            .ifPresent(
                s ->
                    signals.add(
                        signal(
                            SignalsConfig.INSTANCE_STATE,
                            s,
                            new CloudSignal.CvmInstances(rule),
                            false)));
        load = config.load();
      }
      case BackendConfig.Scf scf -> {
        SignalsConfig.Scf config =
            scf.signals().orElse(new SignalsConfig.Scf(Optional.empty(), Optional.empty()));
        BackendConfig.Function function = scf.function();
        FunctionRef ref = function.ref();
        config
            .functionState()
            .ifPresent(
                s ->
                    signals.add(
                        signal(
                            SignalsConfig.FUNCTION_STATE,
                            s,
                            new CloudSignal.ScfFunction(ref),
                            false)));
        load = config.load();
      }
    }
    return new BackendWatch(
        backend.health().toRule(),
        checks,
        signals,
        load.map(
            l ->
                new LoadWatch(
                    new RuleTraffic.Query(
                        rule(backend.clb()), backend.clb().vip().orElseThrow(), l.period()),
                    l.interval())));
  }

  private static SignalWatch signal(
      String name, SignalsConfig.Signal config, CloudSignal signal, boolean contradictsProbes) {
    return new SignalWatch(
        name,
        config.interval(),
        new CheckThresholds(config.fall(), config.rise()),
        signal,
        contradictsProbes);
  }

  /** The rule a backend's CLB target names; validation has made sure it names one. */
  private static ClbRule rule(ClbTarget clb) {
    return clb.rule().orElseThrow();
  }
}
