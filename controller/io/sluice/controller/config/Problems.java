package io.sluice.controller.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every config error with its position, so that one run reports them all. An error at a
 * path that already has one is dropped: it would only echo the first. So is an error inside a key
 * reported as unknown: whatever the key holds means nothing to Sluice.
 */
final class Problems {
  private final String file;
  private final SourceMap source;
  private final List<Entry> errors = new ArrayList<>();
  private final Set<ConfigPath> reported = new HashSet<>();
  private final Set<ConfigPath> unknownKeys = new HashSet<>();

  private record Entry(ConfigPath path, ConfigError error) {}

  Problems(String file, SourceMap source) {
    this.file = file;
    this.source = source;
  }

  /** An error in the value at {@code path}. */
  void at(ConfigPath path, String message) {
    add(path, source.valueAt(path), message);
  }

  /** An error in the key that names {@code path}, such as an unknown key. */
  void atKey(ConfigPath path, String message) {
    add(path, source.keyAt(path), message);
  }

  /** A key Sluice does not know: reported at the key, and nothing inside it is. */
  void unknownKey(ConfigPath path, String message) {
    atKey(path, message);
    unknownKeys.add(path);
  }

  /** An error at {@code line:column}, when no value was read (a syntax error). */
  void at(ConfigPath path, SourceMap.Location location, String message) {
    add(path, location, message);
  }

  private void add(ConfigPath path, SourceMap.Location location, String message) {
    if (reported.add(path)) {
      errors.add(
          new Entry(
              path,
              new ConfigError(file, location.line(), location.column(), path.toString(), message)));
    }
  }

  /** True when an error was reported at {@code path} or inside it. */
  boolean reportedWithin(ConfigPath path) {
    return reported.stream().anyMatch(p -> p.startsWith(path));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<ConfigError> errors() {
    return errors.stream()
        .filter(e -> !insideUnknownKey(e.path()))
        .map(Entry::error)
        .sorted(ConfigError.IN_FILE_ORDER)
        .toList();
  }

  private boolean insideUnknownKey(ConfigPath path) {
    return unknownKeys.stream().anyMatch(k -> !k.equals(path) && path.startsWith(k));
  }
}
