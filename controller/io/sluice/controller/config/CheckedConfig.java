package io.sluice.controller.config;

import java.util.List;

/**
 * A config that loaded, with the warnings about its legal but dangerous settings, in file order.
 */
public record CheckedConfig(SluiceConfig config, List<ConfigWarning> warnings) {
  public CheckedConfig {
    warnings = List.copyOf(warnings);
  }
}
