package io.sluice.controller.reconcile;

import io.sluice.policies.TrafficSplit;
import java.util.List;

/**
 * A change a reconciler carried out (or tried to), for the audit log.
 *
 * @param before the split read before the change; null when it was unknown
 * @param after the split read back after it; null when unknown (the change failed or its outcome is
 *     unknown)
 * @param reason the decision's reason, as journaled with the intent
 * @param outcome {@code APPLIED}, or the failure with its code
 * @param steps every cloud write, in order, with its RequestId and outcome
 * @param epoch the epoch its replica led in when the change started, which its writes were fenced
 *     on (read from {@link Acting}'s leadership then, not when the change is audited: a replica may
 *     lose and regain leadership in between); 0 outside a replica group, and when not known (a
 *     change an earlier run left unfinished)
 */
public record RouteChange(
    String service,
    String route,
    TrafficSplit before,
    TrafficSplit desired,
    TrafficSplit after,
    String reason,
    String outcome,
    List<Step> steps,
    long epoch) {
  public RouteChange {
    steps = List.copyOf(steps);
  }

  /** One cloud write: the API action, its target, the RequestId (empty without an answer). */
  public record Step(String action, String target, String requestId, String outcome) {}
}
