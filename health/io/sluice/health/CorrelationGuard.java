package io.sluice.health;

import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

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
   * One check or sentinel as seen from one vantage point.
   *
   * @param target what the check watches ({@code service/backend}); a sentinel's own name
   * @param changedAtNanos when its status last changed
   */
  public record Observation(
      String target, String name, boolean sentinel, Verdict status, OptionalLong changedAtNanos) {
    public Observation {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(changedAtNanos, "changedAtNanos");
    }

    public static Observation check(String target, String name, CheckState state, Verdict status) {
      return new Observation(target, name, false, status, state.changedAtNanos());
    }

    public static Observation sentinel(String name, CheckState state, Verdict status) {
      return new Observation(name, name, true, status, state.changedAtNanos());
    }
  }

  /** Why the observations look like the prober's own failure, or empty when they do not. */
  public Optional<String> suspect(Collection<Observation> observations) {
    if (observations.stream().anyMatch(o -> o.status() == Verdict.UP)) {
      return Optional.empty();
    }
    List<Observation> down =
        observations.stream()
            .filter(o -> o.status() == Verdict.DOWN && o.changedAtNanos().isPresent())
            .toList();
    long checks = down.stream().filter(o -> !o.sentinel()).count();
    long sentinels = down.size() - checks;
    long targets =
        down.stream().filter(o -> !o.sentinel()).map(Observation::target).distinct().count();
    boolean independent =
        checks > 0
            && (sentinels > 0
                || (checks >= MIN_CHECKS_WITHOUT_SENTINEL
                    && targets >= MIN_TARGETS_WITHOUT_SENTINEL));
    if (!independent) {
      return Optional.empty();
    }
    long spread = spreadNanos(down);
    if (spread > window.toNanos()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%d checks on %d backends and %d sentinel(s) went DOWN within %d ms of each other"
                + " (window %d ms): the prober's own network is the likely culprit",
            checks,
            targets,
            sentinels,
            spread / 1_000_000,
            window.toMillis()));
  }

  /** Latest minus earliest change time, by subtraction from the first so that wrap-around works. */
  private static long spreadNanos(List<Observation> down) {
    long origin = down.getFirst().changedAtNanos().getAsLong();
    long min = 0;
    long max = 0;
    for (Observation o : down) {
      long offset = o.changedAtNanos().getAsLong() - origin;
      min = Math.min(min, offset);
      max = Math.max(max, offset);
    }
    return max - min;
  }
}
