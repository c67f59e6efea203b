package io.sluice.policies;

/**
 * The decision engine of one route: a pure function of state, observation, operator input and
 * monotonic time. It reads no clock, does no I/O and logs nothing; the controller calls it on every
 * tick and carries out the decision.
 */
public sealed interface Policy permits FailoverPolicy, DiversionPolicy {

  PolicySettings settings();

  /**
   * Decides what the route's split should be now.
   *
   * @param state what the policy kept from the previous call ({@link #initialState} at start)
   * @param health the latest verdicts
   * @param overrides the operator's input
   * @param nowNanos monotonic time; only differences between values are meaningful
   */
  PolicyOutcome decide(
      PolicyState state, HealthSnapshot health, Overrides overrides, long nowNanos);

  /** The state to start from, holding {@code current}, the split read from the cloud. */
  default PolicyState initialState(TrafficSplit current) {
    return PolicyState.initial(current);
  }

  static Policy of(PolicySettings settings) {
    return switch (settings) {
      case FailoverSettings f -> new FailoverPolicy(f);
      case DiversionSettings d -> new DiversionPolicy(d);
    };
  }
}
