package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever is missing or mistyped, loading ends in a config or in a list of errors with positions,
 * never in another exception: each example is damaged one line at a time.
 */
final class DamagedExamplesTest {

  @ParameterizedTest
  @MethodSource("io.sluice.controller.config.ExamplesTest#examples")
  void everyOneLineDamageEndsInAConfigOrInErrors(Path example) {
    List<String> lines = TestConfigs.read(example).lines().toList();
    List<String> crashes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      for (String damaged : damages(lines.get(i))) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(i, damaged);
        try {
          TestConfigs.load(String.join("\n", copy) + "\n");
        } catch (ConfigException e) {
          assertThat(e.errors()).isNotEmpty();
        } catch (RuntimeException e) {
          crashes.add((i + 1) + ": '" + damaged + "' -> " + e);
        }
      }
    }

    assertThat(crashes).isEmpty();
  }

  /** The line left out, its value emptied, and its value replaced by text, a mapping, a list. */
  private static List<String> damages(String line) {
    List<String> damages = new ArrayList<>(List.of(""));
    int colon = line.indexOf(": ");
    if (colon > 0) {
      String key = line.substring(0, colon + 1);
      for (String value :
          List.of(
              "", " x", " {}", " []", " 0", " -1", " 127.0.0.1:99999", " 2026-13-45T10:00+08:00")) {
        damages.add(key + value);
      }
    }
    return damages;
  }
}
