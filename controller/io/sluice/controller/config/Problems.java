package io.sluice.controller.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Collects every config error with its position, so that one run reports them all, and one mistake
 * gives one error: an error at a path that already has one is dropped (it would only echo the
 * first); so is an error inside a key reported as unknown (whatever the key holds means nothing to
 * Sluice), and one at the key an unknown key was meant to be (its default stands in for a value the
 * user did write). An error at a value the file left out says that value is the default.
 */
final class Problems {
  private final String file;
  private final SourceMap source;
  private final Predicate<ConfigPath> isDefault;
  private final List<Entry> errors = new ArrayList<>();
  private final Set<ConfigPath> reported = new HashSet<>();
  private final Set<ConfigPath> unknownKeys = new HashSet<>();
  private final List<ConfigWarning> warnings = new ArrayList<>();

  private record Entry(ConfigPath path, ConfigError error) {}

  /**
   * @param isDefault whether the value at a path is a default filled in, not one the file wrote
   */
  Problems(String file, SourceMap source, Predicate<ConfigPath> isDefault) {
    this.file = file;
    this.source = source;
    this.isDefault = isDefault;
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

  /**
   * The key an unknown key was most likely meant to be, and is not in the file: its default is no
   * value the user chose, so what is wrong with it is already said by the unknown key.
   */
  void meant(ConfigPath path) {
    reported.add(path);
    errors.removeIf(e -> e.path().equals(path));
  }

  /** True when the value at {@code path} is a default, not one the file wrote. */
  boolean isDefault(ConfigPath path) {
    return isDefault.test(path);
  }

  /**
   * {@code value}, the value at {@code path}, as an error about another value names it: marked when
   * it is a default, such as {@code 30s, the default}.
   */
  String shown(ConfigPath path, String value) {
    return isDefault(path) ? value + ", the default" : value;
  }

  /** An error at {@code line:column}, when no value was read (a syntax error). */
  void at(ConfigPath path, SourceMap.Location location, String message) {
    add(path, location, message);
  }

  private void add(ConfigPath path, SourceMap.Location location, String message) {
    if (reported.add(path)) {
      String said = isDefault.test(path) ? message + " (the default)" : message;
      errors.add(
          new Entry(
              path,
              new ConfigError(file, location.line(), location.column(), path.toString(), said)));
    }
  }

  /** A legal but dangerous value at {@code path}, and why it is dangerous. */
  void warn(ConfigPath path, String reason) {
    SourceMap.Location at = source.valueAt(path);
    String said = isDefault.test(path) ? reason + " (the default)" : reason;
    warnings.add(new ConfigWarning(file, at.line(), at.column(), path.toString(), said));
  }

  List<ConfigWarning> warnings() {
    return warnings.stream()
        .sorted(
            Comparator.comparingInt(ConfigWarning::line)
                .thenComparingInt(ConfigWarning::column)
                .thenComparing(ConfigWarning::path))
        .toList();
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
