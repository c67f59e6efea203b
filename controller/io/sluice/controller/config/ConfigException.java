package io.sluice.controller.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used, with every mistake found in it, in file order. */
public final class ConfigException extends Exception {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
    this.errors = errors.stream().sorted(ConfigError.IN_FILE_ORDER).toList();
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
