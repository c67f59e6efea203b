package io.sluice.policies;

/** Work the controller does beside moving traffic. */
public sealed interface SideAction {

  /** Provision SCF concurrency before traffic moves to it. */
  record PrewarmScf() implements SideAction {}

  /** Release the provisioned concurrency: the need for it has passed. */
  record ReleasePrewarm() implements SideAction {}
}
