package io.sluice.health;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The places a backend is judged from: the local one, probed by this process, and the remote ones,
 * the other replicas of the group, whose verdicts arrive as reports. A remote vantage point's
 * report counts until it is older than {@code staleAfter}; after that, or once its replica left,
 * that vantage point reads UNKNOWN, never UP or DOWN.
 *
 * @param names every vantage point, the local one included, in a fixed order (the config's)
 * @param local the one this process probes from
 * @param staleAfter how old a remote report may be and still count
 */
public record VantagePoints(List<String> names, String local, Duration staleAfter) {
  /** The default staleness of a remote report: five times the default publishing interval. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(5);

  public VantagePoints {
    names = List.copyOf(names);
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(staleAfter, "staleAfter");
    if (names.isEmpty()) {
      throw new IllegalArgumentException("vantagePoints: must name at least one");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("vantagePoints: names must be unique, got " + names);
    }
    if (!names.contains(local)) {
      throw new IllegalArgumentException(
          "the local vantage point '" + local + "' is not one of " + names);
    }
    if (staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("staleAfter: must be positive, got " + staleAfter);
    }
  }

  /** One vantage point, probed here: the daemon without replicas. */
  public static VantagePoints solo(String local) {
    return new VantagePoints(List.of(local), local, DEFAULT_STALE_AFTER);
  }

  /** The local vantage point's place in {@link #names()}. */
  public int localIndex() {
    return names.indexOf(local);
  }
}
