package io.sluice.controller.config;

import io.sluice.health.probe.StatusRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTTP statuses a probe accepts, written {@code 200-299,301}: single codes and inclusive
 * ranges, separated by commas.
 */
public record StatusSet(List<Range> ranges) {
  /** What the JSON Schema checks; {@link #parse} explains a mismatch. */
  public static final String PATTERN =
      "^\\s*[0-9]{3}(\\s*-\\s*[0-9]{3})?(\\s*,\\s*[0-9]{3}(\\s*-\\s*[0-9]{3})?)*\\s*$";

  public StatusSet {
    ranges = List.copyOf(ranges);
  }

  /** One code or an inclusive range of codes. */
  public record Range(int from, int to) {
    public Range {
      if (from < 100 || to > 599 || from > to) {
        throw new IllegalArgumentException(
            "must be status codes 100-599, low before high, got " + from + "-" + to);
      }
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  /**
   * Reads {@code 200-299,301}.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static StatusSet parse(String text) {
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
    return new StatusSet(ranges);
  }

  private static int code(String part, String text) {
    try {
      return Integer.parseInt(part.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "must be codes or ranges like 200-299,301, got '" + text + "'");
    }
  }

  /** The same set as the prober reads it. */
  public StatusRanges toRanges() {
    return new StatusRanges(
        ranges.stream().map(r -> new StatusRanges.Range(r.from(), r.to())).toList());
  }

  public boolean contains(int status) {
    return ranges.stream().anyMatch(r -> status >= r.from() && status <= r.to());
  }

  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
  }
}
