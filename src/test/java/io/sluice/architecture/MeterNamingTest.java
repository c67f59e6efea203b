package io.sluice.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Habit 11 of STYLE.md: meters are named only in {@code io.sluice.meters.MeterNames}, the one list
 * the dashboards, the rules and docs/observability.md are checked against. A compiled class cannot
 * show it (javac copies a constant's value into every class that uses it), so this reads the
 * sources: no meter builder or registry shortcut is given a string literal for a name.
 */
final class MeterNamingTest {
  private static final List<Path> PRODUCTION =
      List.of(Path.of("policies"), Path.of("health"), Path.of("controller"), Path.of("sandbox"));
  private static final Path METER_NAMES = Path.of("health/io/sluice/meters/MeterNames.java");
  private static final Path FIXTURE = Path.of("src/test/java/io/sluice/archfixture/other");

  /** {@code Counter.builder("x")}, {@code registry.timer("x")} and their kind. */
  private static final Pattern LITERAL_NAME =
      Pattern.compile(
          "\\b(?:(?:Counter|Timer|Gauge|DistributionSummary|LongTaskTimer|FunctionCounter"
              + "|FunctionTimer|TimeGauge|MultiGauge|Meter)\\s*\\.\\s*builder"
              + "|\\.\\s*(?:counter|timer|gauge|summary|gaugeCollectionSize|gaugeMapSize))"
              + "\\s*\\(\\s*\"");

  @Test
  void everyMeterIsNamedByAConstantOfMeterNames() {
    assertThat(PRODUCTION.stream().flatMap(MeterNamingTest::literalNames).toList()).isEmpty();
  }

  @Test
  void theCheckFindsAMeterNamedByALiteral() {
    assertThat(literalNames(FIXTURE).toList())
        .singleElement()
        .asString()
        .contains("LiteralMeter.java")
        .contains("Counter.builder(\"sluice.stray\")");
  }

  /** {@code file:line: code} of each meter named by a literal under {@code root}. */
  private static Stream<String> literalNames(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<String> found = new ArrayList<>();
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.equals(METER_NAMES))
              .toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = LITERAL_NAME.matcher(lines.get(i));
          if (m.find()) {
            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
      return found.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
