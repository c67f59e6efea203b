package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Config texts and loading shortcuts for the config tests. */
final class TestConfigs {
  static final Path EXAMPLES = Path.of("examples");
  static final Path SANDBOX_DEMO = EXAMPLES.resolve("sandbox-demo.yaml");
  static final Path FAILOVER = EXAMPLES.resolve("failover.yaml");
  static final Path DIVERSION = EXAMPLES.resolve("diversion.yaml");

  /**
   * The environment the tests load configs in: empty, so that every example must validate in a
   * plain shell, exactly as {@code sluice validate} sees it.
   */
  static final Map<String, String> NO_ENV = Map.of();

  private TestConfigs() {}

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SluiceConfig load(String yaml) throws ConfigException {
    return new ConfigLoader(NO_ENV::get).parse("test.yaml", yaml);
  }

  static SluiceConfig load(Path file) throws ConfigException {
    return load(read(file));
  }

  /** The errors, each as {@code line:column path: message}, of a config that must not load. */
  static List<String> errorsOf(String yaml) {
    ConfigException[] thrown = new ConfigException[1];
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
    return thrown[0].errors().stream()
        .map(e -> e.line() + ":" + e.column() + " " + e.path() + ": " + e.message())
        .toList();
  }

  /**
   * examples/sandbox-demo.yaml with {@code controller.api} set to the flow mapping's {@code
   * settings}.
   */
  static String withApi(String settings) {
    return edited(
        SANDBOX_DEMO,
        "  stateDir: ./.sluice-state",
        "  stateDir: ./.sluice-state\n  api: { " + settings + " }");
  }

  /** {@code file} with {@code from} replaced by {@code to}; {@code from} must occur once. */
  static String edited(Path file, String from, String to) {
    String text = read(file);
    if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
      throw new IllegalArgumentException("not exactly once in " + file + ": " + from);
    }
    return text.replace(from, to);
  }
}
