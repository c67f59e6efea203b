package io.sluice.policies;

import java.util.List;

/** Placeholder while the engine is written. */
public record DiversionPolicy(DiversionSettings settings) implements Policy {
  @Override
  public PolicyOutcome decide(
      PolicyState state, HealthSnapshot health, Overrides overrides, long nowNanos) {
    return new PolicyOutcome(
        state,
        new Decision.Hold(
            state.split(), state.phase(), Reason.of("todo", "engine pending"), List.of(), false));
  }
}
