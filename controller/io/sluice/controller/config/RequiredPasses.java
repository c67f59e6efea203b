package io.sluice.controller.config;

/**
 * How many of a backend's probes must pass for it to be healthy: {@code all}, or a number N (N of
 * M).
 *
 * @param count N, or {@link #ALL_COUNT} for all
 */
public record RequiredPasses(int count) {
  static final int ALL_COUNT = 0;
  public static final RequiredPasses ALL = new RequiredPasses(ALL_COUNT);

  public RequiredPasses {
    if (count < 0) {
      throw new IllegalArgumentException("must be 'all' or a number of probes, got " + count);
    }
  }

  /**
   * Reads {@code all} or a number of probes.
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  public static RequiredPasses parse(String text) {
    if (text.strip().equalsIgnoreCase("all")) {
      return ALL;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1) {
        return new RequiredPasses(n);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(
        "must be 'all' or a number of probes of at least 1, got '" + text + "'");
  }

  public boolean isAll() {
    return count == ALL_COUNT;
  }

  /** The number of passing probes needed out of {@code probes}. */
  public int of(int probes) {
    return isAll() ? probes : count;
  }

  @Override
  public String toString() {
    return isAll() ? "all" : Integer.toString(count);
  }
}
