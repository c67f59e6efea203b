package io.sluice.policies;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way config files, timelines and the API write them: a whole number
 * and one unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. One unit only, so a
 * value reads the same to everyone.
 */
public final class Durations {
  /**
   * The longest duration accepted: ten years. Anything longer is a typo, and nanosecond arithmetic
   * on a monotonic clock overflows past 292 years.
   */
  public static final Duration MAX = Duration.ofDays(3650);

  /** The accepted shape, for JSON Schemas; {@link #parse} explains a mismatch. */
  public static final String PATTERN = "^[0-9]+(ms|s|m|h|d)$";

  private static final Pattern SHAPE = Pattern.compile("([0-9]+)([a-zA-Z]*)");

  private Durations() {}

  /**
   * Reads a non-negative duration.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text}, ending with it
   */
  public static Duration parse(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("-")) {
      throw new IllegalArgumentException("must not be negative, got '" + text + "'");
    }
    if (trimmed.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "must be a number and a unit with no space between, like 30s, got '" + text + "'");
    }
    Matcher m = SHAPE.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a whole number and a unit (ms, s, m, h, d), like 500ms or 5m, got '"
              + text
              + "'");
    }
    if (m.group(2).isEmpty()) {
      throw new IllegalArgumentException(
          "needs a unit (ms, s, m, h, d), like " + m.group(1) + "s, got '" + text + "'");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is too large, got '" + text + "'");
    }
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default ->
              throw new IllegalArgumentException(
                  "has unknown unit '"
                      + m.group(2)
                      + "'; use ms, s, m, h or d, got '"
                      + text
                      + "'");
        };
    if (d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("must be at most " + format(MAX) + ", got '" + text + "'");
    }
    return d;
  }

  /** Writes {@code d} in the largest unit that holds it exactly, e.g. 90s, 5m, 1d. */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long ms = d.toMillis();
    if (ms == 0 && !d.isZero()) {
      return d.toNanos() + "ns";
    }
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
