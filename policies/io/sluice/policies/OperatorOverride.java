package io.sluice.policies;

import java.util.Objects;

/**
 * An operator's instruction that wins over automation until it expires.
 *
 * @param action what the operator asked for
 * @param actor who asked (token id or certificate subject)
 * @param reason why, in the operator's words
 * @param expiresAtNanos the monotonic time at which the override stops applying
 * @param forced true when the operator accepted routing to a DOWN backend while the other is UP;
 *     without it, the safety rule wins over the override for as long as that situation lasts
 */
public record OperatorOverride(
    OverrideAction action, String actor, String reason, long expiresAtNanos, boolean forced) {

  public OperatorOverride {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
  }

  /** True until {@code expiresAtNanos}; compared by subtraction, so it is safe across overflow. */
  public boolean activeAt(long nowNanos) {
    return nowNanos - expiresAtNanos < 0;
  }

  /** What an operator can ask for. */
  public sealed interface OverrideAction {

    /** Route everything to one backend. */
    record Pin(Backend backend) implements OverrideAction {}

    /** Route by fixed weights. */
    record FixedSplit(TrafficSplit split) implements OverrideAction {}

    /**
     * Keep the current split: automation makes no change of its own while the pause lasts. An
     * unforced pause still leaves a DOWN backend when the other is UP (the assertion rule wins); a
     * forced one holds even then.
     */
    record Pause() implements OverrideAction {}
  }
}
