package io.sluice.health.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The HTTP statuses that count as Up: a short list of inclusive ranges, written as operators write
 * them in the config, {@code 200-299,301}: single codes and ranges separated by commas.
 */
public record StatusRanges(List<Range> ranges) {
  /** Any 2xx or 3xx status, HAProxy's {@code httpchk} default. */
  public static final StatusRanges SUCCESS_OR_REDIRECT = of(new Range(200, 399));

  /** The written form, for JSON Schemas; {@link #parse} explains a mismatch. */
  public static final String PATTERN =
      "^\\s*[0-9]{3}(\\s*-\\s*[0-9]{3})?(\\s*,\\s*[0-9]{3}(\\s*-\\s*[0-9]{3})?)*\\s*$";

  public StatusRanges {
    ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("ranges: must hold at least one range");
    }
  }

  public static StatusRanges of(Range... ranges) {
    return new StatusRanges(List.of(ranges));
  }

  /** Exactly one status. */
  public static StatusRanges only(int status) {
    return of(new Range(status, status));
  }

  /**
   * Reads {@code 200-299,301}; spaces around codes and separators are allowed.
   *
   * @throws IllegalArgumentException naming the part that is wrong and the text
   */
  public static StatusRanges parse(String text) {
    List<Range> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String[] bounds = part.split("-", -1);
      if (bounds.length > 2) {
        throw new IllegalArgumentException(
            "must be codes or ranges like 200-299,301, got '" + text + "'");
      }
      int from = code(bounds[0], text);
      int to = bounds.length == 2 ? code(bounds[1], text) : from;
      ranges.add(new Range(from, to));
    }
    return new StatusRanges(ranges);
  }

  private static int code(String part, String text) {
    try {
      return Integer.parseInt(part.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "must be codes or ranges like 200-299,301, got '" + text + "'");
    }
  }

  public boolean contains(int status) {
    return ranges.stream().anyMatch(range -> range.contains(status));
  }

  /** The written form, compact: {@code 200-299,301}. */
  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
  }

  /** Statuses {@code from} to {@code to}, both included. */
  public record Range(int from, int to) {
    public Range {
      if (from < 100 || to > 599 || from > to) {
        throw new IllegalArgumentException(
            "must be status codes 100-599, low before high, got " + from + "-" + to);
      }
    }

    public boolean contains(int status) {
      return status >= from && status <= to;
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }
}
