package io.sluice.controller.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each value and each key of a config file starts, by path, so that every error, whether the
 * schema or a cross-field rule finds it, can point at a line and column.
 */
final class SourceMap {
  /** A 1-based line and column. */
  record Location(int line, int column) {
    static final Location START = new Location(1, 1);
  }

  private final Map<ConfigPath, Location> values = new HashMap<>();
  private final Map<ConfigPath, Location> keys = new HashMap<>();

  void value(ConfigPath path, Location location) {
    values.put(path, location);
  }

  void key(ConfigPath path, Location location) {
    keys.put(path, location);
  }

  boolean has(ConfigPath path) {
    return values.containsKey(path);
  }

  /** Where the value at {@code path} starts; for a value the file lacks, its nearest ancestor. */
  Location valueAt(ConfigPath path) {
    ConfigPath p = path;
    while (!values.containsKey(p) && !p.segments().isEmpty()) {
      p = p.parent();
    }
    return values.getOrDefault(p, Location.START);
  }

  /** Where the key naming {@code path} starts, or its value when it has no key (array items). */
  Location keyAt(ConfigPath path) {
    Location key = keys.get(path);
    return key != null ? key : valueAt(path);
  }
}
