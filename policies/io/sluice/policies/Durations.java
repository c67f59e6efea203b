package io.sluice.policies;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way config files, timelines and the API write them: {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, or compounds such as {@code 1m30s}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
  private static final String EXPECTED = "must be a duration like 500ms, 30s, 5m, 1h, 1d or 1m30s";

  private Durations() {}

  /**
   * Parses a non-negative duration.
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      at = m.end();
    }
    return total;
  }

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
