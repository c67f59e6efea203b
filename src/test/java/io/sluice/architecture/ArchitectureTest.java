package io.sluice.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the dependency direction of the source roots and the checkable habits of STYLE.md, in the
 * production code and in the tests, and proves each rule can fail on a fixture that breaks it.
 */
final class ArchitectureTest {
  /** A compiled test class: its path under test-classes, without {@code $Inner}. */
  private static final Pattern TEST_CLASS =
      Pattern.compile(".*/test-classes/(.+?)(\\$[^/]*)?\\.class$");

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sluice");

  /**
   * The tests, without the fixtures (which break the rules on purpose) and the benchmarks with the
   * harness JMH generates for them.
   */
  private static final JavaClasses TESTS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("/io/sluice/archfixture/"))
          .withImportOption(location -> !location.contains("/jmh_generated/"))
          .withImportOption(ArchitectureTest::notABenchmark)
          .importPackages("io.sluice");

  /** Test-only packages, each holding classes that break one or more rules. */
  private static final JavaClasses FIXTURES =
      new ClassFileImporter().importPackages("io.sluice.archfixture");

  static Stream<Arguments> productionRules() {
    return arguments(
        Stream.of(
            LayerRules::policiesArePure,
            LayerRules::healthStaysBelowTheController,
            LayerRules::cloudAccessSitsBelowHealth,
            LayerRules::meterNamesStandAlone,
            LayerRules::sandboxStandsAlone,
            LayerRules::onlyTheControllerUsesTheSandbox,
            StyleRules::policiesReadNoClockAndDoNoIo,
            StyleRules::sdkClientsAreBuiltOnlyInTheCloudLayer,
            StyleRules::sdkCallsGoThroughAGuard));
  }

  static Stream<Arguments> testRules() {
    return arguments(
        Stream.of(
            TestRules::testClassesAreNamedForTheirRunner,
            TestRules::testClassesArePackagePrivateAndFinal,
            TestRules::testsNeverSleep));
  }

  static Stream<Arguments> allRules() {
    return Stream.concat(productionRules(), testRules());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("productionRules")
  void productionCodeKeepsTheRule(String name, Function<String, ArchRule> rule) {
    assertThatCode(() -> rule.apply("io.sluice").allowEmptyShould(true).check(PRODUCTION))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("testRules")
  void testCodeKeepsTheRule(String name, Function<String, ArchRule> rule) {
    assertThatCode(() -> rule.apply("io.sluice").check(TESTS)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allRules")
  void theRuleFailsOnAFixtureThatBreaksIt(String name, Function<String, ArchRule> rule) {
    assertThatThrownBy(() -> rule.apply("io.sluice.archfixture").check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Violation");
  }

  private static Stream<Arguments> arguments(Stream<Function<String, ArchRule>> rules) {
    return rules.map(r -> Arguments.of(r.apply("io.sluice").getDescription(), r));
  }

  /**
   * bench/ is a test source root compiled with the tests: its harnesses measure over real time and
   * may sleep. A class is a benchmark's when bench/ holds its source.
   */
  private static boolean notABenchmark(Location location) {
    Matcher m = TEST_CLASS.matcher(location.asURI().getPath());
    return !m.matches() || !Files.exists(Path.of("bench", m.group(1) + ".java"));
  }
}
