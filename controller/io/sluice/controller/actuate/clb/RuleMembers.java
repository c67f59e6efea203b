package io.sluice.controller.actuate.clb;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which CVM targets a rule routes to when CVM gets traffic, at their full weights: the CVM side's
 * membership, which belongs to whoever manages the instances (an Auto Scaling group, an SRE), not
 * to Sluice.
 *
 * <ul>
 *   <li>A rule that routes to CVM targets and no function: exactly its targets now, at the weights
 *       they have. Whatever was added, removed or re-weighted is the truth.
 *   <li>A rule that holds both kinds (a failback or diversion step): its CVM targets now, each at
 *       its home weight where the home set knows the binding (Sluice scaled it down to the step's
 *       share) and at its own weight where it does not (added during the step).
 *   <li>A rule without routed CVM targets (failed over): the home targets, the CVM targets it held
 *       the last time it routed to CVM alone, less those the CVM API no longer knows (the caller
 *       filters them).
 * </ul>
 */
final class RuleMembers {
  private RuleMembers() {}

  /**
   * @param home the home targets, already rid of instances the CVM API no longer knows
   */
  static List<CvmTarget> of(RuleBackends now, List<CvmTarget> home) {
    if (!now.cvmRouted()) {
      return home;
    }
    if (!now.scfRouted()) {
      return now.targets();
    }
    Map<String, CvmTarget> byHome = new RuleBackends(home, Optional.empty()).targetsByBinding();
    return now.targets().stream()
        .map(t -> t.withWeight(byHome.getOrDefault(t.binding(), t).weight()))
        .toList();
  }

  /** Whether any member carries traffic at its full weight. */
  static boolean routable(List<CvmTarget> members) {
    return members.stream().anyMatch(t -> t.weight() > 0);
  }
}
