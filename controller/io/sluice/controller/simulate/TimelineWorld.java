package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A world read from a CSV timeline. Each row sets, from its time on, what one backend's probes see
 * (or the CVM load):
 *
 * <pre>
 * time,backend,value,check,vantage
 * 0s,cvm,up
 * 60s,cvm,down                 # every probe of cvm fails: the backend is down
 * 90s,cvm,up
 * 2m,cvm,950                   # a number is the CVM load signal
 * 3m,scf,down,http,b           # only check 'http' from vantage point 'b' fails (a path fault)
 * </pre>
 *
 * {@code check} and {@code vantage} may be left out or {@code *} (all). Only rows for the whole
 * backend (no check, no vantage) say whether the backend really works; the others are probe-path
 * faults. A later row wins; at equal times a more specific one does.
 */
final class TimelineWorld implements World {
  private static final String ALL = "*";

  private record Key(Backend backend, String check, String vantage) {}

  private final Map<Key, NavigableMap<Long, World.Sample>> samples;
  private final NavigableMap<Long, Double> load;

  private TimelineWorld(
      Map<Key, NavigableMap<Long, World.Sample>> samples, NavigableMap<Long, Double> load) {
    this.samples = samples;
    this.load = load;
  }

  /**
   * Reads a timeline.
   *
   * @param name the file name used in error messages
   * @throws TimelineException listing every bad row with its line number
   */
  static TimelineWorld read(String name, Reader reader) throws IOException {
    Map<Key, NavigableMap<Long, World.Sample>> samples = new HashMap<>();
    NavigableMap<Long, Double> load = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .get();
    for (CSVRecord row : format.parse(reader)) {
      String where = name + ":" + row.getParser().getCurrentLineNumber() + ": ";
      try {
        long at = parsed(row, "time", Durations::parse).toNanos();
        Backend backend = parsed(row, "backend", Backend::fromId);
        String value = field(row, "value");
        String check = optional(row, "check");
        String vantage = optional(row, "vantage");
        if (value.matches("[0-9.]+")) {
          if (backend != Backend.CVM) {
            throw new IllegalArgumentException("value: a load number applies to cvm only");
          }
          load.put(at, Double.parseDouble(value));
        } else {
          samples
              .computeIfAbsent(new Key(backend, check, vantage), k -> new TreeMap<>())
              .put(at, sampleOf(value));
        }
      } catch (IllegalArgumentException e) {
        errors.add(where + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new TimelineException(errors);
    }
    return new TimelineWorld(samples, load);
  }

  private static String field(CSVRecord row, String column) {
    if (!row.isMapped(column) || !row.isSet(column) || row.get(column).isEmpty()) {
      throw new IllegalArgumentException(column + ": is required");
    }
    return row.get(column);
  }

  private static <T> T parsed(
      CSVRecord row, String column, java.util.function.Function<String, T> parser) {
    String text = field(row, column);
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(column + ": " + e.getMessage(), e);
    }
  }

  private static String optional(CSVRecord row, String column) {
    return row.isMapped(column) && row.isSet(column) && !row.get(column).isEmpty()
        ? row.get(column)
        : ALL;
  }

  private static World.Sample sampleOf(String value) {
    return switch (value) {
      case "up" -> World.Sample.UP;
      case "down" -> new World.Sample(World.Sample.Kind.DOWN, "timeline: down");
      case "inconclusive" ->
          new World.Sample(World.Sample.Kind.INCONCLUSIVE, "timeline: inconclusive");
      default ->
          throw new IllegalArgumentException(
              "value: must be up, down, inconclusive or a load number, got '" + value + "'");
    };
  }

  /** The time of the last row; a timeline has nothing to say after it. */
  Duration lastChange() {
    long last = load.isEmpty() ? 0 : load.lastKey();
    for (NavigableMap<Long, Sample> rows : samples.values()) {
      last = Math.max(last, rows.lastKey());
    }
    return Duration.ofNanos(last);
  }

  @Override
  public Sample sample(Backend backend, String check, String vantage, Duration at) {
    long t = at.toNanos();
    Entry<Long, Sample> best = null;
    // From most to least specific, so that at equal times the specific row wins.
    for (Key key :
        List.of(
            new Key(backend, check, vantage),
            new Key(backend, check, ALL),
            new Key(backend, ALL, vantage),
            new Key(backend, ALL, ALL))) {
      NavigableMap<Long, Sample> rows = samples.get(key);
      Entry<Long, Sample> e = rows == null ? null : rows.floorEntry(t);
      if (e != null && (best == null || e.getKey() > best.getKey())) {
        best = e;
      }
    }
    return best == null ? Sample.UP : best.getValue();
  }

  @Override
  public boolean healthy(Backend backend, Duration at) {
    NavigableMap<Long, Sample> rows = samples.get(new Key(backend, ALL, ALL));
    Entry<Long, Sample> e = rows == null ? null : rows.floorEntry(at.toNanos());
    return e == null || e.getValue().kind() != Sample.Kind.DOWN;
  }

  @Override
  public OptionalDouble cvmLoad(Duration at) {
    Entry<Long, Double> e = load.floorEntry(at.toNanos());
    return e == null ? OptionalDouble.empty() : OptionalDouble.of(e.getValue());
  }

  /** Every bad row of a timeline, each with its file and line. */
  static final class TimelineException extends IllegalArgumentException {
    private final List<String> errors;

    TimelineException(List<String> errors) {
      super(String.join("\n", errors));
      this.errors = List.copyOf(errors);
    }

    List<String> errors() {
      return errors;
    }
  }
}
