package io.sluice.health.probe;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The HTTP statuses that count as Up: a short list of inclusive ranges such as {@code 200-399}. */
public record StatusRanges(List<Range> ranges) {
  /** Any 2xx or 3xx status, HAProxy's {@code httpchk} default. */
  public static final StatusRanges SUCCESS_OR_REDIRECT = of(new Range(200, 399));

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

  public boolean contains(int status) {
    return ranges.stream().anyMatch(range -> range.contains(status));
  }

  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
  }

  /** Statuses {@code from} to {@code to}, both included. */
  public record Range(int from, int to) {
    public Range {
      if (from < 100 || to > 599 || from > to) {
        throw new IllegalArgumentException(
            "status range: must lie within 100-599 with from <= to, got " + from + "-" + to);
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
