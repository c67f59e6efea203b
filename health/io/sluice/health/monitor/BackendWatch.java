package io.sluice.health.monitor;

import io.sluice.health.BackendRule;
import io.sluice.health.CheckSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A backend's rule, the probes and cloud signals its verdict is made from, and the Cloud Monitor
 * load to read for it.
 */
public record BackendWatch(
    BackendRule rule,
    List<ProbeWatch> checks,
    List<SignalWatch> signals,
    Optional<LoadWatch> load) {
  public BackendWatch {
    Objects.requireNonNull(rule, "rule");
    checks = List.copyOf(checks);
    signals = List.copyOf(signals);
    Objects.requireNonNull(load, "load");
  }

  /** A backend watched by probes alone. */
  public BackendWatch(BackendRule rule, List<ProbeWatch> checks) {
    this(rule, checks, List.of(), Optional.empty());
  }

  /**
   * The rule as the board applies it: the signals are down-only checks, and those that contradict
   * the probes say so.
   */
  public BackendRule boardRule() {
    return signals.isEmpty()
        ? rule
        : rule.withSignals(
            signals.stream().map(SignalWatch::name).collect(Collectors.toSet()),
            signals.stream()
                .filter(SignalWatch::contradictsProbes)
                .map(SignalWatch::name)
                .collect(Collectors.toSet()));
  }

  /** Every check the board keeps for this backend: the probes, then the signals. */
  public List<CheckSpec> checkSpecs() {
    List<CheckSpec> specs = new ArrayList<>();
    checks.forEach(check -> specs.add(check.checkSpec()));
    signals.forEach(signal -> specs.add(signal.checkSpec()));
    return specs;
  }
}
