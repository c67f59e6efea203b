package io.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Habit 14 of /work/shared/STYLE.md, tests read as specifications, as far as a rule can check it in
 * the compiled tests: a class with tests is a package-private final class named {@code *Test},
 * {@code *IT} or {@code *Properties} (Surefire and Failsafe run only those names: a test class
 * named otherwise would silently never run), and no test sleeps to wait for a result.
 */
final class TestRules {
  private TestRules() {}

  /** JUnit 5 and jqwik annotations that make a method a test. */
  private static final Set<String> TEST_ANNOTATIONS =
      Set.of(
          "org.junit.jupiter.api.Test",
          "org.junit.jupiter.api.RepeatedTest",
          "org.junit.jupiter.api.TestFactory",
          "org.junit.jupiter.api.TestTemplate",
          "org.junit.jupiter.params.ParameterizedTest",
          "net.jqwik.api.Property",
          "net.jqwik.api.Example");

  private static final DescribedPredicate<JavaClass> HOLD_TESTS =
      DescribedPredicate.describe(
          "hold test methods",
          c ->
              c.getMethods().stream()
                  .anyMatch(
                      m ->
                          m.getAnnotations().stream()
                              .anyMatch(a -> TEST_ANNOTATIONS.contains(a.getRawType().getName()))));

  /** The top-level classes under {@code base} that hold tests. */
  private static GivenClassesConjunction testClasses(String base) {
    return classes()
        .that()
        .resideInAPackage(base + "..")
        .and()
        .areTopLevelClasses()
        .and(HOLD_TESTS);
  }

  static ArchRule testClassesAreNamedForTheirRunner(String base) {
    return testClasses(base)
        .should()
        .haveSimpleNameEndingWith("Test")
        .orShould()
        .haveSimpleNameEndingWith("IT")
        .orShould()
        .haveSimpleNameEndingWith("Properties")
        .as("test classes are named *Test, *IT or *Properties");
  }

  static ArchRule testClassesArePackagePrivateAndFinal(String base) {
    return testClasses(base)
        .should()
        .bePackagePrivate()
        .andShould()
        .haveModifier(JavaModifier.FINAL)
        .as("test classes are package-private and final");
  }

  static ArchRule testsNeverSleep(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + "..")
        .should()
        .callMethod(Thread.class, "sleep", long.class)
        .orShould()
        .callMethod(Thread.class, "sleep", long.class, int.class)
        .orShould()
        .callMethod(Thread.class, "sleep", Duration.class)
        .orShould()
        .callMethod(TimeUnit.class, "sleep", long.class)
        .as("tests never sleep (Awaitility waits for a result, with a bound)");
  }
}
