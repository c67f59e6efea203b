package io.sluice.controller.actuate.clb;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plans the writes that move a rule to a split: first the rule it should end as, then the writes in
 * make-before-break order.
 *
 * <p>End state: 100/0 is the rule's CVM members ({@link RuleMembers}: the targets on the rule now,
 * or the home targets when none are routed) at their full weights and no function; 0/100 is the
 * configured function alone (one already bound keeps its weight, which does not matter alone, so no
 * rebinding is needed); anything between is the members scaled to the CVM share ({@link
 * WeightScaling}) beside the function weighted at the SCF share. CVM targets someone else added,
 * removed or re-weighted are kept as they are: the CVM side's membership is not Sluice's. When the
 * rule cannot hold both kinds ({@code mixedTargets} false), only whole splits exist: the larger
 * share takes the rule, a tie keeps the kind the rule routes to now.
 *
 * <p>Order with mixing allowed: the side gaining traffic is added or raised first, then the losing
 * side is lowered, and only then is anything deregistered, so every intermediate state routes
 * somewhere and the losing side's share never rises on the way. One exception keeps that last
 * promise: leaving the function for CVM targets that already carry traffic unbinds it first (their
 * full weights can add up to less than the share they were scaled to, so restoring them first would
 * raise the function's share). Without mixing, the kind leaving must go before the other can be
 * registered: the unavoidable gap is the time between those two writes, and nothing is read in
 * between.
 *
 * <p>A changed weight of the bound function is one ModifyFunctionTargets, in place: unbinding and
 * binding it again would send all the traffic to the rule's CVM targets between the two writes,
 * which would raise a DOWN CVM side's share on the way to lowering it.
 */
final class RulePlanner {
  static final String NO_HOME_TARGETS = "Sluice.NoHomeTargets";

  private RulePlanner() {}

  /**
   * @param home the home targets, empty when none are known, rid of instances the CVM API no longer
   *     knows
   * @param configured the function the rule should bind (its weight is ignored)
   * @throws ActuationException FAILED when CVM should get traffic but no home targets are known
   */
  static RulePlan plan(
      String rule,
      RuleBackends now,
      List<CvmTarget> home,
      FunctionBinding configured,
      TrafficSplit desired,
      boolean mixedTargets) {
    TrafficSplit split = mixedTargets ? desired : whole(desired, now);
    RuleBackends end = endState(rule, now, home, configured, split);
    Diff diff = new Diff(now, end);
    List<RuleStep> steps = new ArrayList<>();
    if (!mixedTargets) {
      boolean toCvm = split.isAllOn(Backend.CVM);
      if (toCvm) {
        steps.addAll(diff.functionRemovals);
        steps.addAll(diff.cvmAdditions);
        steps.addAll(diff.cvmRemovals);
      } else {
        steps.addAll(diff.cvmRemovals);
        steps.addAll(diff.functionAdditions);
      }
    } else if (split.scf() == 0 && now.cvmRouted()) {
      // Leaving the function while CVM targets carry traffic: unbinding it first puts everything
      // on them at once. Restoring their full weights first would, for a task's time, give the
      // function a larger share of a smaller total: more traffic to the side being left.
      steps.addAll(diff.functionRemovals);
      steps.addAll(diff.cvmAdditions);
      steps.addAll(diff.cvmRemovals);
    } else if (split.scf() > RuleReading.scfShare(now)) {
      steps.addAll(diff.functionAdditions);
      steps.addAll(diff.cvmAdditions);
      steps.addAll(diff.cvmRemovals);
    } else {
      steps.addAll(diff.cvmAdditions);
      steps.addAll(diff.functionAdditions);
      steps.addAll(diff.functionRemovals);
      steps.addAll(diff.cvmRemovals);
    }
    return new RulePlan(split, now, end, steps);
  }

  /** The whole split nearest {@code desired}; a tie keeps what the rule routes to now. */
  static TrafficSplit whole(TrafficSplit desired, RuleBackends now) {
    boolean toScf =
        desired.scf() > desired.cvm()
            || (desired.scf() == desired.cvm() && now.scfRouted() && !now.cvmRouted());
    return toScf ? new TrafficSplit(0, 100) : new TrafficSplit(100, 0);
  }

  private static RuleBackends endState(
      String rule,
      RuleBackends now,
      List<CvmTarget> home,
      FunctionBinding configured,
      TrafficSplit split) {
    if (split.scf() == 100) {
      FunctionBinding function =
          now.function()
              .filter(f -> f.sameFunction(configured) && f.weight() > 0)
              .orElse(configured.withWeight(100));
      return new RuleBackends(List.of(), Optional.of(function));
    }
    List<CvmTarget> members = RuleMembers.of(now, home);
    if (!RuleMembers.routable(members)) {
      throw new ActuationException(
          ActuationException.Outcome.FAILED,
          NO_HOME_TARGETS,
          "cannot fail back: rule "
              + rule
              + " holds no CVM targets and no home targets are stored for it (or the CVM API no"
              + " longer knows any of them), so Sluice does not know which CVM targets to"
              + " register; bind them to the rule once by hand",
          List.of(),
          null);
    }
    if (split.cvm() == 100) {
      return new RuleBackends(members, Optional.empty());
    }
    return new RuleBackends(
        WeightScaling.scale(members, split.cvm()), Optional.of(configured.withWeight(split.scf())));
  }

  /** The writes between two states, grouped by what they do, each group in the rule's order. */
  private static final class Diff {
    final List<RuleStep> cvmAdditions = new ArrayList<>();
    final List<RuleStep> cvmRemovals = new ArrayList<>();
    final List<RuleStep> functionAdditions = new ArrayList<>();
    final List<RuleStep> functionRemovals = new ArrayList<>();

    Diff(RuleBackends now, RuleBackends end) {
      Map<String, CvmTarget> current = now.targetsByBinding();
      Map<String, CvmTarget> wanted = end.targetsByBinding();
      List<CvmTarget> register = new ArrayList<>();
      List<CvmTarget> modify = new ArrayList<>();
      List<CvmTarget> deregister = new ArrayList<>();
      wanted.forEach(
          (binding, target) -> {
            CvmTarget there = current.get(binding);
            if (there == null) {
              register.add(target);
            } else if (there.weight() != target.weight()) {
              modify.add(target);
            }
          });
      current.forEach(
          (binding, target) -> {
            if (!wanted.containsKey(binding)) {
              deregister.add(target);
            }
          });
      cvmAdditions.addAll(chunked(register, RuleStep.RegisterTargets::new));
      cvmAdditions.addAll(chunked(modify, RuleStep.ModifyTargetWeight::new));
      cvmRemovals.addAll(chunked(deregister, RuleStep.DeregisterTargets::new));

      Optional<FunctionBinding> bound = now.function();
      Optional<FunctionBinding> wantedFunction = end.function();
      if (wantedFunction.isEmpty()) {
        bound.ifPresent(f -> functionRemovals.add(new RuleStep.DeregisterFunction(f)));
      } else if (bound.isPresent() && bound.get().sameFunction(wantedFunction.get())) {
        if (bound.get().weight() != wantedFunction.get().weight()) {
          functionAdditions.add(new RuleStep.ModifyFunction(wantedFunction.get()));
        }
      } else {
        // a rule binds one function: a different one means unbinding it first
        bound.ifPresent(f -> functionAdditions.add(new RuleStep.DeregisterFunction(f)));
        functionAdditions.add(new RuleStep.RegisterFunction(wantedFunction.get()));
      }
    }

    private static List<RuleStep> chunked(
        List<CvmTarget> targets, Function<List<CvmTarget>, RuleStep> step) {
      List<RuleStep> steps = new ArrayList<>();
      for (int i = 0; i < targets.size(); i += RuleStep.MAX_TARGETS_PER_CALL) {
        steps.add(
            step.apply(
                targets.subList(i, Math.min(targets.size(), i + RuleStep.MAX_TARGETS_PER_CALL))));
      }
      return steps;
    }
  }
}
