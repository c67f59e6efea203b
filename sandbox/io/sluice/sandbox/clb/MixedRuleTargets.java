package io.sluice.sandbox.clb;

/**
 * Whether one layer-7 rule may hold CVM targets and an SCF function at the same time.
 *
 * <p>UNCONFIRMED: Tencent documents "one function per rule" but says nothing about mixing kinds.
 * The default {@link #REJECTED} is the conservative reading: the write that would mix fails with
 * {@code FailedOperation}, so a controller that works against the sandbox never relies on mixing.
 * {@link #ALLOWED} lets tests explore the other reading.
 */
public enum MixedRuleTargets {
  REJECTED,
  ALLOWED
}
