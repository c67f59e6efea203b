package io.sluice.policies;

import java.time.Duration;
import java.util.Objects;

/**
 * The guards every policy kind shares.
 *
 * @param minDwell no automatic change sooner than this after the previous change of any kind
 * @param flapBudget the most automatic changes of direction in a window before freezing
 * @param warmupRounds verdict rounds with no UNKNOWN to see after a start before acting
 * @param observeOnly decide and report, but mark every decision not to be carried out
 */
public record Safeguards(
    Duration minDwell, FlapBudget flapBudget, int warmupRounds, boolean observeOnly) {
  public static final Duration DEFAULT_MIN_DWELL = Duration.ofSeconds(30);
  public static final int DEFAULT_WARMUP_ROUNDS = 3;
  public static final Safeguards DEFAULT =
      new Safeguards(DEFAULT_MIN_DWELL, FlapBudget.DEFAULT, DEFAULT_WARMUP_ROUNDS, false);

  public Safeguards {
    Requirements.nonNegative("minDwell", minDwell);
    Objects.requireNonNull(flapBudget, "flapBudget");
    Requirements.inRange("warmupRounds", warmupRounds, 0, 1000);
  }

  public Safeguards withObserveOnly(boolean value) {
    return new Safeguards(minDwell, flapBudget, warmupRounds, value);
  }
}
