package io.sluice.policies;

import java.util.Objects;

/**
 * The result of one {@link Policy#decide} call: the state to keep and the decision to carry out.
 */
public record PolicyOutcome(PolicyState next, Decision decision) {
  public PolicyOutcome {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(decision, "decision");
  }
}
