package io.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of the four source roots, built for a base package so that the same rules
 * can be shown to fail on fixture packages that break them.
 *
 * <p>{@code controller -> health -> policies}; {@code sandbox} stands alone and only the controller
 * (its demo wiring) may use it. The cloud-access layer ({@code cloud}: guards, limits, the SDK
 * clients and failure rules) sits below both the health signals and the actuators, and the meter
 * names ({@code meters}) below everything that records.
 */
final class LayerRules {
  private LayerRules() {}

  static ArchRule policiesArePure(String base) {
    return classes()
        .that()
        .resideInAPackage(base + ".policies..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", base + ".policies..")
        .as("policies imports only java.* and itself");
  }

  static ArchRule healthStaysBelowTheController(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".health..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(base + ".controller..", base + ".sandbox..")
        .as("health does not import controller or sandbox");
  }

  static ArchRule cloudAccessSitsBelowHealth(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".cloud..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            base + ".health..", base + ".controller..", base + ".sandbox..", base + ".policies..")
        .as("cloud imports none of health, controller, sandbox, policies");
  }

  static ArchRule meterNamesStandAlone(String base) {
    return classes()
        .that()
        .resideInAPackage(base + ".meters..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", base + ".meters..")
        .as("meters imports only java.* and itself");
  }

  static ArchRule sandboxStandsAlone(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".sandbox..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(base + ".policies..", base + ".health..", base + ".controller..")
        .as("sandbox imports none of policies, health, controller");
  }

  static ArchRule onlyTheControllerUsesTheSandbox(String base) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(base + ".controller..", base + ".sandbox..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(base + ".sandbox..")
        .as("only controller imports sandbox");
  }

  static List<ArchRule> all(String base) {
    return List.of(
        policiesArePure(base),
        healthStaysBelowTheController(base),
        cloudAccessSitsBelowHealth(base),
        meterNamesStandAlone(base),
        sandboxStandsAlone(base),
        onlyTheControllerUsesTheSandbox(base));
  }
}
