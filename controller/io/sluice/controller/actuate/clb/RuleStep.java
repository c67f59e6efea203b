package io.sluice.controller.actuate.clb;

import io.sluice.cloud.CloudAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One CLB write of a plan, with absolute values (weights, bindings), never deltas. Each step also
 * knows what it does to the rule, so a plan can be checked for moments that route to nothing before
 * anything is written.
 */
sealed interface RuleStep {
  /** CLB takes at most 20 targets per call (reference §3.5). */
  int MAX_TARGETS_PER_CALL = 20;

  CloudAction action();

  /** The absolute value written, for the step log, such as {@code ins-1:80 weight=10}. */
  String value();

  /** The rule as it is once the step's task has completed. */
  RuleBackends applyTo(RuleBackends rule);

  record RegisterTargets(List<CvmTarget> targets) implements RuleStep {
    public RegisterTargets {
      targets = List.copyOf(targets);
    }

    @Override
    public CloudAction action() {
      return CloudAction.REGISTER_TARGETS;
    }

    @Override
    public String value() {
      return listed(targets);
    }

    @Override
    public RuleBackends applyTo(RuleBackends rule) {
      List<CvmTarget> next = new ArrayList<>(rule.targets());
      next.addAll(targets);
      return rule.withTargets(next);
    }
  }

  record ModifyTargetWeight(List<CvmTarget> targets) implements RuleStep {
    public ModifyTargetWeight {
      targets = List.copyOf(targets);
    }

    @Override
    public CloudAction action() {
      return CloudAction.MODIFY_TARGET_WEIGHT;
    }

    @Override
    public String value() {
      return listed(targets);
    }

    @Override
    public RuleBackends applyTo(RuleBackends rule) {
      Map<String, CvmTarget> next = rule.targetsByBinding();
      targets.forEach(t -> next.put(t.binding(), t));
      return rule.withTargets(List.copyOf(next.values()));
    }
  }

  record DeregisterTargets(List<CvmTarget> targets) implements RuleStep {
    public DeregisterTargets {
      targets = List.copyOf(targets);
    }

    @Override
    public CloudAction action() {
      return CloudAction.DEREGISTER_TARGETS;
    }

    @Override
    public String value() {
      return targets.stream().map(CvmTarget::binding).collect(Collectors.joining(", "));
    }

    @Override
    public RuleBackends applyTo(RuleBackends rule) {
      Map<String, CvmTarget> next = rule.targetsByBinding();
      targets.forEach(t -> next.remove(t.binding()));
      return rule.withTargets(List.copyOf(next.values()));
    }
  }

  record RegisterFunction(FunctionBinding function) implements RuleStep {
    @Override
    public CloudAction action() {
      return CloudAction.REGISTER_FUNCTION_TARGETS;
    }

    @Override
    public String value() {
      return function.toString();
    }

    @Override
    public RuleBackends applyTo(RuleBackends rule) {
      return rule.withFunction(Optional.of(function));
    }
  }

  /**
   * ModifyFunctionTargets: the bound function's weight, in place. Unbinding and binding it again
   * would leave the rule's CVM targets all the traffic between the two writes.
   */
  record ModifyFunction(FunctionBinding function) implements RuleStep {
    @Override
    public CloudAction action() {
      return CloudAction.MODIFY_FUNCTION_TARGETS;
    }

    @Override
    public String value() {
      return function.toString();
    }

    @Override
    public RuleBackends applyTo(RuleBackends rule) {
      return rule.withFunction(Optional.of(function));
    }
  }

  /** Names the function as it is bound, qualifier and all: CLB unbinds by that name. */
  record DeregisterFunction(FunctionBinding function) implements RuleStep {
    @Override
    public CloudAction action() {
      return CloudAction.DEREGISTER_FUNCTION_TARGETS;
    }

    @Override
    public String value() {
      return function.function();
    }

    @Override
    public RuleBackends applyTo(RuleBackends rule) {
      return rule.withFunction(Optional.empty());
    }
  }

  private static String listed(List<CvmTarget> targets) {
    return targets.stream().map(CvmTarget::toString).collect(Collectors.joining(", "));
  }
}
