package io.sluice.controller.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies for record components that the binder may leave null where the file had an error; the
 * validator has reported that error, and the records stay usable for the remaining checks.
 */
final class Immutable {
  private Immutable() {}

  static <T> List<T> list(List<T> list) {
    return list == null
        ? List.of()
        : Collections.unmodifiableList(list.stream().filter(e -> e != null).toList());
  }

  /** Keeps the file's order, which decides the order of routes. */
  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
