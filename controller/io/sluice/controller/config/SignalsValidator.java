package io.sluice.controller.config;

import io.sluice.policies.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The rules of a backend's {@code signals} that the schema cannot state. */
final class SignalsValidator {
  static final Duration MIN_SIGNAL_INTERVAL = Duration.ofSeconds(1);
  static final Duration MIN_LOAD_INTERVAL = Duration.ofSeconds(10);
  static final Set<Duration> LOAD_PERIODS = Set.of(Duration.ofSeconds(60), Duration.ofSeconds(300));

  private final Problems problems;

  SignalsValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(BackendConfig backend, ConfigPath at) {
    ConfigPath signals = at.key("signals");
    List<String> names = backend.signalNames();
    for (int i = 0; i < backend.probes().size(); i++) {
      String probe = backend.probes().get(i).name();
      if (probe != null && names.contains(probe)) {
        problems.at(
            at.key("probes").index(i).key("name"),
            "is the name of the backend's "
                + probe
                + " signal; choose another, got '"
                + probe
                + "'");
      }
    }
    switch (backend) {
      case BackendConfig.Cvm cvm ->
          cvm.signals()
              .ifPresent(
                  s -> {
                    s.clbTargetHealth()
                        .ifPresent(x -> signal(x.schedule(), signals.key("clbTargetHealth")));
                    s.instanceState().ifPresent(x -> signal(x, signals.key("instanceState")));
                    s.load().ifPresent(x -> load(x, signals.key("load"), backend));
                    if (!names.isEmpty() || s.load().isPresent()) {
                      needsRule(backend, signals);
                    }
                  });
      case BackendConfig.Scf scf ->
          scf.signals()
              .ifPresent(
                  s -> {
                    s.functionState().ifPresent(x -> signal(x, signals.key("functionState")));
                    s.load().ifPresent(x -> load(x, signals.key("load"), backend));
                  });
    }
  }

  private void signal(SignalsConfig.Signal signal, ConfigPath at) {
    atLeast(signal.interval(), MIN_SIGNAL_INTERVAL, at.key("interval"), "cloud API calls");
  }

  private void load(SignalsConfig.Load load, ConfigPath at, BackendConfig backend) {
    atLeast(load.interval(), MIN_LOAD_INTERVAL, at.key("interval"), "billed Cloud Monitor calls");
    if (load.period() != null && !LOAD_PERIODS.contains(load.period())) {
      problems.at(
          at.key("period"),
          "must be 1m or 5m, the periods Cloud Monitor reports per rule, got "
              + Durations.format(load.period()));
    }
    if (backend.clb() != null && backend.clb().vip().isEmpty()) {
      problems.at(
          at,
          "needs the backend's clb.vip, the address Cloud Monitor names the CLB by, got "
              + backend.clb().hostname().map(h -> "hostname " + h).orElse("nothing"));
    }
  }

  private void needsRule(BackendConfig backend, ConfigPath at) {
    ClbTarget clb = backend.clb();
    if (clb != null && clb.listenerProtocol() != null && clb.listenerProtocol().isLayer4()) {
      problems.at(
          at,
          "cloud signals read a layer-7 rule, but the backend's listener is "
              + clb.listenerProtocol());
    }
  }

  private void atLeast(Duration value, Duration min, ConfigPath at, String why) {
    if (value != null && value.compareTo(min) < 0) {
      problems.at(
          at,
          "must be at least "
              + Durations.format(min)
              + " (each read costs "
              + why
              + "), got "
              + Durations.format(value));
    }
  }
}
