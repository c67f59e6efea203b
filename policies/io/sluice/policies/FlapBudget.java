package io.sluice.policies;

import java.time.Duration;

/**
 * At most {@code maxTransitions} automatic changes of direction within any {@code window}. The last
 * one allowed is spent only on a move away from a DOWN backend; then the route freezes on that side
 * until an operator resumes it.
 */
public record FlapBudget(int maxTransitions, Duration window) {
  public static final int DEFAULT_MAX_TRANSITIONS = 4;
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  public static final FlapBudget DEFAULT = new FlapBudget(DEFAULT_MAX_TRANSITIONS, DEFAULT_WINDOW);

  public FlapBudget {
    Requirements.inRange("flapBudget.maxTransitions", maxTransitions, 2, 1000);
    Requirements.positive("flapBudget.window", window);
  }
}
