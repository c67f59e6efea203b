package io.sluice.controller.reconcile;

import io.sluice.health.signal.RuleLoad;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the requests followed a change the cloud reported applied (Flagger's lesson: "promoted"
 * is not "moved"). After a change that gave a backend traffic it had not, Cloud Monitor's figures
 * for that backend's rule must show requests in a period that started after the change, within
 * {@link #WINDOW_PERIODS} reporting periods. Routing read back as applied but no requests arriving
 * is "switched but not moved": the DNS or CLB change did not take effect for users (a cached DNS
 * answer beyond its TTL, a client pinned to the old VIP, a rule bound but unreachable).
 *
 * <p>A check that ends NOT_MOVED is retried once ({@link #retried}): the route re-reads the cloud
 * and re-applies its plan, and a new window opens; requests at any time since the change still
 * count, since they prove the move as well.
 *
 * @param at when the change was applied (the daemon's wall clock)
 * @param gaining the backend that gained traffic
 * @param windowFrom when the current window opened: the change, or the retry
 * @param retries how many times the check was retried
 */
public record MoveCheck(Instant at, Backend gaining, Instant windowFrom, int retries) {
  public static final int WINDOW_PERIODS = 3;

  /** The reporting period assumed while there are no figures to tell it. */
  public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);

  /** Retries before "switched but not moved" is escalated to a person. */
  public static final int MAX_RETRIES = 1;

  public enum Outcome {
    /** Requests reached the gaining backend's rule after the change. */
    MOVED,
    /** The window passed with figures that show no requests there. */
    NOT_MOVED,
    /** The window passed without a figure to judge by. */
    NO_DATA
  }

  public MoveCheck {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(gaining, "gaining");
    Objects.requireNonNull(windowFrom, "windowFrom");
  }

  public MoveCheck(Instant at, Backend gaining) {
    this(at, gaining, at, 0);
  }

  /** The same check with a new window opening at {@code now}, after a retry of the change. */
  public MoveCheck retried(Instant now) {
    return new MoveCheck(at, gaining, now, retries + 1);
  }

  /** Whether a NOT_MOVED outcome may still be retried rather than escalated. */
  public boolean mayRetry() {
    return retries < MAX_RETRIES;
  }

  /**
   * The check for a change from {@code before} to {@code after}, when one backend gained traffic it
   * did not have; a change that only shifts weights between two serving backends has nothing to
   * verify this way.
   */
  public static Optional<MoveCheck> after(Instant at, TrafficSplit before, TrafficSplit after) {
    for (Backend backend : Backend.values()) {
      if (before.weight(backend) == 0 && after.weight(backend) > 0) {
        return Optional.of(new MoveCheck(at, backend));
      }
    }
    return Optional.empty();
  }

  /**
   * The outcome given the latest figures for the gaining backend's rule at {@code now}, or empty
   * while it is too early to tell.
   */
  public Optional<Outcome> judge(Optional<RuleLoad> latest, Instant now) {
    if (latest.isPresent()
        && !latest.get().periodStart().isBefore(at)
        && latest.get().requests() > 0) {
      return Optional.of(Outcome.MOVED);
    }
    Duration period = latest.map(RuleLoad::period).orElse(DEFAULT_PERIOD);
    if (now.isBefore(windowFrom.plus(period.multipliedBy(WINDOW_PERIODS)))) {
      return Optional.empty();
    }
    boolean judged = latest.isPresent() && !latest.get().periodStart().isBefore(at);
    return Optional.of(judged ? Outcome.NOT_MOVED : Outcome.NO_DATA);
  }
}
