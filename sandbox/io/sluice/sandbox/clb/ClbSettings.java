package io.sluice.sandbox.clb;

import java.util.Objects;

/**
 * Settings of the emulated CLB API that are not about task timing (see {@link TaskSettings}).
 *
 * @param mixedRuleTargets whether a rule may hold CVM targets and a function at once (UNCONFIRMED;
 *     default {@link MixedRuleTargets#REJECTED})
 */
public record ClbSettings(MixedRuleTargets mixedRuleTargets) {
  public static final MixedRuleTargets DEFAULT_MIXED_RULE_TARGETS = MixedRuleTargets.REJECTED;

  /** Documented: at most 20 targets per RegisterTargets or DeregisterTargets call. */
  public static final int MAX_TARGETS_PER_CALL = 20;

  /** Documented BatchModifyTargetWeight limits. */
  public static final int MAX_BATCH_RULES = 100;

  public static final int MAX_BATCH_TARGETS_PER_RULE = 50;
  public static final int MAX_BATCH_TARGETS = 500;

  public ClbSettings {
    Objects.requireNonNull(mixedRuleTargets, "mixedRuleTargets");
  }

  public static ClbSettings defaults() {
    return new ClbSettings(DEFAULT_MIXED_RULE_TARGETS);
  }
}
