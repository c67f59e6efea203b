package io.sluice.policies;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The phases of one service route, each with a fixed numeric code for the {@code sluice_phase}
 * gauge, and the explicit table of legal transitions.
 */
public enum Phase {
  /** Cold start: holding the current split until enough fresh verdict rounds have arrived. */
  WARMING(0),
  /** Traffic where it belongs: on the primary (failover) or the assigned backend (diversion). */
  NORMAL(1),
  /** The primary is DOWN; waiting {@code confirmFor} (or the dwell) before failing over. */
  CONFIRMING(2),
  /** Traffic moved away from its normal backend because that backend is DOWN. */
  FAILED_OVER(3),
  /** The primary has been UP long enough; traffic returns to it in steps. */
  FAILING_BACK(4),
  /** Both backends DOWN: the last good split is held; a human is needed. */
  BOTH_DOWN(5),
  /** Diversion: a scheduled window or load spill sends traffic to the other backend. */
  DIVERTED(6),
  /** The flap budget is spent: automation stopped on the safer side until an operator resumes. */
  FROZEN(7),
  /** An operator override is in force. */
  OVERRIDDEN(8);

  private static final Map<Phase, Set<Phase>> LEGAL =
      Map.of(
          WARMING,
          EnumSet.of(
              NORMAL, CONFIRMING, FAILED_OVER, FAILING_BACK, BOTH_DOWN, DIVERTED, OVERRIDDEN),
          NORMAL,
          EnumSet.of(CONFIRMING, FAILED_OVER, BOTH_DOWN, DIVERTED, FROZEN, OVERRIDDEN),
          CONFIRMING,
          EnumSet.of(NORMAL, FAILED_OVER, BOTH_DOWN, FROZEN, OVERRIDDEN),
          FAILED_OVER,
          EnumSet.of(NORMAL, FAILING_BACK, BOTH_DOWN, DIVERTED, FROZEN, OVERRIDDEN),
          FAILING_BACK,
          EnumSet.of(NORMAL, FAILED_OVER, BOTH_DOWN, FROZEN, OVERRIDDEN),
          BOTH_DOWN,
          EnumSet.of(NORMAL, CONFIRMING, FAILED_OVER, FAILING_BACK, DIVERTED, FROZEN, OVERRIDDEN),
          DIVERTED,
          EnumSet.of(NORMAL, FAILED_OVER, BOTH_DOWN, FROZEN, OVERRIDDEN),
          FROZEN,
          EnumSet.of(
              NORMAL, CONFIRMING, FAILED_OVER, FAILING_BACK, BOTH_DOWN, DIVERTED, OVERRIDDEN),
          OVERRIDDEN,
          EnumSet.of(
              WARMING, NORMAL, CONFIRMING, FAILED_OVER, FAILING_BACK, BOTH_DOWN, DIVERTED, FROZEN));

  private final int code;

  Phase(int code) {
    this.code = code;
  }

  /** The fixed number exported by the phase gauge; never reuse or renumber. */
  public int code() {
    return code;
  }

  /** True when moving from this phase to {@code next} is legal (staying put always is). */
  public boolean canMoveTo(Phase next) {
    return next == this || LEGAL.get(this).contains(next);
  }

  /**
   * Checks a transition against the table.
   *
   * @return {@code next}
   * @throws IllegalStateException for a pair the table does not allow
   */
  public Phase moveTo(Phase next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("illegal phase transition " + this + " -> " + next);
    }
    return next;
  }
}
