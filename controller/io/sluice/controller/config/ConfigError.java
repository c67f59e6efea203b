package io.sluice.controller.config;

import java.util.Comparator;

/**
 * One mistake in a config file: where it is, which field, and what rule it breaks with the value
 * received.
 */
public record ConfigError(String file, int line, int column, String path, String message) {
  /** File order: line, then column, then path. */
  public static final Comparator<ConfigError> IN_FILE_ORDER =
      Comparator.comparingInt(ConfigError::line)
          .thenComparingInt(ConfigError::column)
          .thenComparing(ConfigError::path);

  /** {@code sluice.yaml:34:16 services[1].policy.minDwell: must be ..., got 10s}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + " " + path + ": " + message;
  }
}
