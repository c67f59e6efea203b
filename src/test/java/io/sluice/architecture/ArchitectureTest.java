package io.sluice.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the dependency direction of the source roots, and proves each rule can fail. */
final class ArchitectureTest {
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sluice");

  /** Test-only packages, each holding one class that breaks one rule. */
  private static final JavaClasses FIXTURES =
      new ClassFileImporter().importPackages("io.sluice.archfixture");

  static Stream<Arguments> rules() {
    Stream<Function<String, ArchRule>> rules =
        Stream.of(
            LayerRules::policiesArePure,
            LayerRules::healthStaysBelowTheController,
            LayerRules::cloudAccessSitsBelowHealth,
            LayerRules::meterNamesStandAlone,
            LayerRules::sandboxStandsAlone,
            LayerRules::onlyTheControllerUsesTheSandbox);
    return rules.map(r -> Arguments.of(r.apply("io.sluice").getDescription(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void productionCodeKeepsTheRule(String name, Function<String, ArchRule> rule) {
    assertThatCode(() -> rule.apply("io.sluice").allowEmptyShould(true).check(PRODUCTION))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void theRuleFailsWhenAForbiddenImportIsAdded(String name, Function<String, ArchRule> rule) {
    assertThatThrownBy(() -> rule.apply("io.sluice.archfixture").check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Violation");
  }
}
