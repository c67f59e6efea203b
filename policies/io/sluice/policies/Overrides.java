package io.sluice.policies;

import java.util.Objects;
import java.util.Optional;

/**
 * The operator's input to one decision.
 *
 * @param active the override in force for this service, if any (it may have expired: the policy
 *     checks)
 * @param resumeGeneration how many times an operator has lifted a flap-budget freeze; a number
 *     larger than the one the state last saw lifts the current freeze
 */
public record Overrides(Optional<OperatorOverride> active, long resumeGeneration) {

  public static final Overrides NONE = new Overrides(Optional.empty(), 0);

  public Overrides {
    Objects.requireNonNull(active, "active");
  }

  public static Overrides of(OperatorOverride override) {
    return new Overrides(Optional.of(override), 0);
  }

  /** The override if it is still in force at {@code nowNanos}. */
  public Optional<OperatorOverride> activeAt(long nowNanos) {
    return active.filter(o -> o.activeAt(nowNanos));
  }
}
