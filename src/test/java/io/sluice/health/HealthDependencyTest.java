package io.sluice.health;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

final class HealthDependencyTest {

  @Test
  void healthDependsOnlyOnThePolicyTypesAndTheJdk() {
    JavaClasses health =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sluice.health");
    classes()
        .that()
        .resideInAPackage("io.sluice.health..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.sluice.health..", "io.sluice.policies..", "java..")
        .check(health);
  }
}
