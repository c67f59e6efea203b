package io.sluice.controller.actuate.clb;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Routing;
import io.sluice.policies.TrafficSplit;
import java.util.List;

/**
 * Reads a rule's backends as a traffic split: the inverse of what {@link RulePlanner} writes, so
 * that a split Sluice applied reads back as exactly that split.
 *
 * <ul>
 *   <li>CVM targets only: 100/0, uniform whatever the targets and their weights are (the CVM side's
 *       membership is not Sluice's: an Auto Scaling group or an SRE may add, remove and re-weight
 *       targets, see {@link RuleMembers}); a function left bound at weight 0 is not uniform;
 *   <li>the function only: 0/100, uniform when it is the configured function;
 *   <li>both: the function's weight is the SCF share when the CVM targets are the rule's members
 *       scaled to the rest ({@link WeightScaling}); otherwise the split is what the weights say,
 *       and not uniform, so the reconciler rewrites it;
 *   <li>nothing with a weight above 0: not a split at all (UNKNOWN, {@link #ROUTES_NOTHING});
 *       {@code apply} fixes it.
 * </ul>
 */
final class RuleReading {
  static final String ROUTES_NOTHING = ActuationException.ROUTES_NOTHING;

  private RuleReading() {}

  /**
   * @param home the home targets, empty when none are known; they give the full weights of the
   *     targets a rule holding both kinds has scaled down
   * @param configured the function the rule should bind (its weight is ignored)
   * @throws ActuationException UNKNOWN when the rule routes to nothing
   */
  static Routing routing(
      String rule, RuleBackends now, List<CvmTarget> home, FunctionBinding configured) {
    String detail = rule + ": " + now.describe();
    if (now.routesNothing()) {
      throw new ActuationException(
          ActuationException.Outcome.UNKNOWN,
          ROUTES_NOTHING,
          "rule " + detail + " routes to nothing: no target has a weight above 0",
          List.of(),
          null);
    }
    if (!now.scfRouted()) {
      return new Routing(new TrafficSplit(100, 0), detail, now.function().isEmpty());
    }
    FunctionBinding function = now.function().orElseThrow();
    boolean configuredFunction = function.sameFunction(configured);
    if (!now.cvmRouted()) {
      return new Routing(
          new TrafficSplit(0, 100), detail, now.targets().isEmpty() && configuredFunction);
    }
    int scf = function.weight();
    List<CvmTarget> members = RuleMembers.of(now, home);
    if (configuredFunction
        && scf < 100
        && RuleMembers.routable(members)
        && now.hasTargets(WeightScaling.scale(members, 100 - scf))) {
      return new Routing(new TrafficSplit(100 - scf, scf), detail, true);
    }
    int cvmWeight = now.cvmWeight();
    int cvm = (int) Math.round(100.0 * cvmWeight / (cvmWeight + scf));
    return new Routing(new TrafficSplit(cvm, 100 - cvm), detail, false);
  }

  /** The SCF share the rule's weights give, 0-100, for deciding which side gains. */
  static int scfShare(RuleBackends now) {
    if (!now.scfRouted()) {
      return 0;
    }
    int scf = now.function().orElseThrow().weight();
    return (int) Math.round(100.0 * scf / (now.cvmWeight() + scf));
  }
}
