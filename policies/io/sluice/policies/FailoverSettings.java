package io.sluice.policies;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Failover between a primary and a standby backend.
 *
 * @param primary the backend that normally carries all traffic; the other one is the standby
 * @param confirmFor how long the primary must stay DOWN before failing over (0: at once)
 * @param failback how and when traffic returns to the primary
 */
public record FailoverSettings(
    Backend primary,
    Duration confirmFor,
    Failback failback,
    Safeguards safeguards,
    Optional<Prewarm> prewarm)
    implements PolicySettings {
  public static final Duration DEFAULT_CONFIRM_FOR = Duration.ZERO;

  public FailoverSettings {
    Objects.requireNonNull(primary, "primary");
    Requirements.nonNegative("confirmFor", confirmFor);
    Objects.requireNonNull(failback, "failback");
    Objects.requireNonNull(safeguards, "safeguards");
    Objects.requireNonNull(prewarm, "prewarm");
    Requirements.check(
        failback.after().compareTo(safeguards.minDwell()) >= 0,
        "failback.after: must be at least minDwell ("
            + safeguards.minDwell()
            + "), got "
            + failback.after());
  }

  @Override
  public Backend home() {
    return primary;
  }

  public Backend standby() {
    return primary.other();
  }

  /**
   * How long a DOWN of the primary must last to restart the failback wait: {@code confirmFor} (a
   * DOWN that would not fail the service over must not keep it failed over) or {@code
   * failback.tolerateDown}, whichever is longer. The primary carries no traffic during the wait, so
   * tolerating a short DOWN there costs nothing, while with {@code confirmFor: 0s} alone every
   * false DOWN from probe loss would start the wait again.
   */
  public Duration restartsTheWait() {
    return confirmFor.compareTo(failback.tolerateDown()) >= 0
        ? confirmFor
        : failback.tolerateDown();
  }

  /**
   * Fail back only after the primary has been UP for {@code after}, then raise its weight through
   * {@code steps} (percent, rising, ending at 100), one step per {@code stepEvery}.
   *
   * @param tolerateDown how long a DOWN of the primary may last during the failback wait and still
   *     be a blip that pauses it, not restarts it (together with {@code confirmFor}, see {@link
   *     FailoverSettings#restartsTheWait})
   */
  public record Failback(
      Duration after, List<Integer> steps, Duration stepEvery, Duration tolerateDown) {
    public static final Duration DEFAULT_AFTER = Duration.ofMinutes(5);
    public static final List<Integer> DEFAULT_STEPS = List.of(10, 50, 100);
    public static final Duration DEFAULT_STEP_EVERY = Duration.ofMinutes(1);

    /**
     * A few probe intervals: a false DOWN from probe loss (fall failures in a row, then rise
     * passes) lasts seconds, while a primary that is really down stays down longer.
     */
    public static final Duration DEFAULT_TOLERATE_DOWN = Duration.ofSeconds(10);

    public static final Failback DEFAULT =
        new Failback(DEFAULT_AFTER, DEFAULT_STEPS, DEFAULT_STEP_EVERY, DEFAULT_TOLERATE_DOWN);

    public Failback {
      Requirements.nonNegative("failback.after", after);
      steps = Requirements.percentSteps("failback.steps", steps);
      Requirements.nonNegative("failback.stepEvery", stepEvery);
      Requirements.nonNegative("failback.tolerateDown", tolerateDown);
    }

    /** A failback that tolerates no DOWN beyond {@code confirmFor}. */
    public Failback(Duration after, List<Integer> steps, Duration stepEvery) {
      this(after, steps, stepEvery, Duration.ZERO);
    }

    /** The first step above {@code percent}, or 100. */
    public int nextStepAbove(int percent) {
      return steps.stream().filter(s -> s > percent).findFirst().orElse(100);
    }
  }
}
