package io.sluice.policies;

import java.util.List;

/**
 * What the policy decided at one moment. The controller carries it out (unless {@link
 * #observeOnly()}) and records it; the policy itself never acts.
 */
public sealed interface Decision {

  /** The split the route should have after this decision. */
  TrafficSplit split();

  Phase phase();

  Reason reason();

  /** Work to do before the split is applied, such as pre-warming SCF. */
  List<SideAction> sideActions();

  /** True when the controller must report the decision but not carry it out. */
  boolean observeOnly();

  /** Keep the current split. */
  record Hold(
      TrafficSplit split,
      Phase phase,
      Reason reason,
      List<SideAction> sideActions,
      boolean observeOnly)
      implements Decision {
    public Hold {
      sideActions = List.copyOf(sideActions);
    }
  }

  /** Move to a new split. */
  record Shift(
      TrafficSplit from,
      TrafficSplit split,
      Phase phase,
      Reason reason,
      List<SideAction> sideActions,
      boolean observeOnly)
      implements Decision {
    public Shift {
      sideActions = List.copyOf(sideActions);
      if (from.equals(split)) {
        throw new IllegalArgumentException("a shift must change the split, both are " + split);
      }
    }
  }

  /**
   * The flap budget is spent: automation stops at {@code split} until an operator resumes. The
   * split may differ from the previous one when the last allowed move was away from a DOWN backend.
   */
  record Freeze(
      TrafficSplit from,
      TrafficSplit split,
      Reason reason,
      List<SideAction> sideActions,
      boolean observeOnly)
      implements Decision {
    public Freeze {
      sideActions = List.copyOf(sideActions);
    }

    @Override
    public Phase phase() {
      return Phase.FROZEN;
    }
  }
}
