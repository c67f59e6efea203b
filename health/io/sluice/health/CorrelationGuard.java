package io.sluice.health;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Recognises the prober's own network failing, so that it reads as UNKNOWN rather than as every
 * backend being DOWN at once.
 *
 * <p>Independent targets do not fail within the same two seconds by coincidence; a prober that has
 * lost its network (or its resolver, or its CPU) sees exactly that. The guard looks at the checks
 * of every backend of every service, and at the sentinels (targets chosen only because they are
 * independent of the services, such as a public resolver), all from one vantage point. It fires
 * when:
 *
 * <ol>
 *   <li>none of them is UP (one UP check or sentinel proves the prober can reach something, so it
 *       vetoes; UNKNOWN ones neither veto nor count),
 *   <li>the DOWN ones changed status within {@code window} of each other, and
 *   <li>the DOWN ones are independent enough to make a coincidence unlikely: a sentinel is among
 *       them (with at least one check), or, without a DOWN sentinel, at least {@value
 *       #MIN_CHECKS_WITHOUT_SENTINEL} checks spread over at least {@value
 *       #MIN_TARGETS_WITHOUT_SENTINEL} backends.
 * </ol>
 *
 * <p>Counting checks alone would be unsound: all the checks of one backend share its fate, so three
 * of them failing together is simply that backend dying, and hiding it would stop exactly the
 * failover Sluice exists for. A single check, or the checks of a single backend, going down without
 * a sentinel is therefore never affected. The price of a false alarm is small: UNKNOWN holds the
 * current routing, which is also what the policy does when both backends are DOWN.
 *
 * <p>The rule reads counts, not lists: how many checks and sentinels are UP, how many are DOWN, on
 * how many backends, and the spread of the times the DOWN ones went DOWN. The {@link HealthBoard}
 * keeps those counts per vantage point as check statuses change, so a probe result costs the guard
 * constant time however many services there are (re-reading every check after every result made the
 * daemon's work grow with the cube of the service count; BENCHMARKS.md).
 */
public record CorrelationGuard(Duration window) {
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(2);
  public static final int MIN_CHECKS_WITHOUT_SENTINEL = 3;
  public static final int MIN_TARGETS_WITHOUT_SENTINEL = 2;
  public static final CorrelationGuard DEFAULT = new CorrelationGuard(DEFAULT_WINDOW);

  public CorrelationGuard {
    Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("correlationWindow: must be zero or more, got " + window);
    }
  }

  /**
   * Whether what one vantage point sees, as counted in {@code seen}, looks like the prober's own
   * failure. Constant time: the board keeps the counts as statuses change ({@link VantageTally}),
   * so the guard never reads every check again.
   */
  boolean fires(VantageTally seen) {
    if (seen.up() > 0 || seen.downChecks() == 0) {
      return false;
    }
    boolean independent =
        seen.downSentinels() > 0
            || (seen.downChecks() >= MIN_CHECKS_WITHOUT_SENTINEL
                && seen.downTargets() >= MIN_TARGETS_WITHOUT_SENTINEL);
    return independent && seen.downSpreadNanos() <= window.toNanos();
  }

  /** Why the guard fires on {@code seen}, for the explain API; only while it {@link #fires}. */
  String explain(VantageTally seen) {
    return String.format(
        Locale.ROOT,
        "%d checks on %d backends and %d sentinel(s) went DOWN within %d ms of each other"
            + " (window %d ms): the prober's own network is the likely culprit",
        seen.downChecks(),
        seen.downTargets(),
        seen.downSentinels(),
        seen.downSpreadNanos() / 1_000_000,
        window.toMillis());
  }
}
