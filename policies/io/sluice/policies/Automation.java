package io.sluice.policies;

/** The part of a policy kind that differs: what it wants, given health and its own memory. */
interface Automation {

  /** Updates the kind's own memory (for example the load-spill level) from a new snapshot. */
  default PolicyState observe(PolicyState state, HealthSnapshot health, long nowNanos) {
    return state;
  }

  /**
   * The wanted split. Called only after warm-up, with no override in force, not frozen, and with
   * verdicts that are neither both DOWN nor UNKNOWN without a DOWN.
   */
  Proposal propose(PolicyState state, HealthSnapshot health, long nowNanos);

  /** The phase that describes {@code state}'s split when nothing is moving. */
  Phase restingPhase(PolicyState state);

  /** True when SCF should be pre-warmed now although no traffic moves to it yet. */
  default boolean prewarmAhead(HealthSnapshot health) {
    return false;
  }
}
