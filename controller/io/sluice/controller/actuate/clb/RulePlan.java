package io.sluice.controller.actuate.clb;

import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The writes that take a rule from what it holds to what the split needs, in the order they must be
 * made.
 *
 * @param split the split the plan writes: the desired one, or the whole split it was rounded to
 *     when the rule cannot hold both kinds
 * @param from the rule as read before planning
 * @param to the rule once every step has completed
 */
record RulePlan(TrafficSplit split, RuleBackends from, RuleBackends to, List<RuleStep> steps) {
  RulePlan {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    steps = List.copyOf(steps);
  }

  boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The rule after each step, in step order. */
  List<RuleBackends> states() {
    List<RuleBackends> states = new ArrayList<>(steps.size());
    RuleBackends rule = from;
    for (RuleStep step : steps) {
      rule = step.applyTo(rule);
      states.add(rule);
    }
    return states;
  }
}
