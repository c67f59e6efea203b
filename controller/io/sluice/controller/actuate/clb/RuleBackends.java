package io.sluice.controller.actuate.clb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one CLB rule forwards to: CVM targets and at most one function (CLB allows one per rule). A
 * backend carries traffic only with a weight above 0 (reference §3.4).
 */
public record RuleBackends(List<CvmTarget> targets, Optional<FunctionBinding> function) {
  public static final RuleBackends EMPTY = new RuleBackends(List.of(), Optional.empty());

  public RuleBackends {
    targets = List.copyOf(targets);
    Objects.requireNonNull(function, "function");
  }

  public boolean cvmRouted() {
    return cvmWeight() > 0;
  }

  public boolean scfRouted() {
    return function.map(f -> f.weight() > 0).orElse(false);
  }

  public boolean routesNothing() {
    return !cvmRouted() && !scfRouted();
  }

  /** The CVM targets' weights added up. */
  public int cvmWeight() {
    return targets.stream().mapToInt(CvmTarget::weight).sum();
  }

  /** The targets by binding ({@code ins-1:80}), in the rule's order. */
  public Map<String, CvmTarget> targetsByBinding() {
    Map<String, CvmTarget> byBinding = new LinkedHashMap<>();
    targets.forEach(t -> byBinding.put(t.binding(), t));
    return byBinding;
  }

  /**
   * Whether the CVM targets are exactly {@code expected}: the same bindings with the same weights.
   */
  public boolean hasTargets(List<CvmTarget> expected) {
    return targetsByBinding()
        .equals(new RuleBackends(expected, Optional.empty()).targetsByBinding());
  }

  public RuleBackends withTargets(List<CvmTarget> next) {
    return new RuleBackends(next, function);
  }

  public RuleBackends withFunction(Optional<FunctionBinding> next) {
    return new RuleBackends(targets, next);
  }

  /** For logs and {@code Routing.detail}, such as {@code cvm ins-1:80 weight=10; scf none}. */
  public String describe() {
    String cvm =
        targets.isEmpty()
            ? "none"
            : targets.stream().map(CvmTarget::toString).collect(Collectors.joining(", "));
    return "cvm " + cvm + "; scf " + function.map(FunctionBinding::toString).orElse("none");
  }
}
