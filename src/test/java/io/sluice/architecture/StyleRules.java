package io.sluice.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tencentcloudapi.common.AbstractClient;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import io.sluice.cloud.ActionGuard;
import java.time.Clock;
import java.time.InstantSource;

/**
 * The habits of /work/shared/STYLE.md that a rule can check in the production code, built for a
 * base package so that each can be shown to fail on a fixture that breaks it.
 *
 * <ul>
 *   <li>Habit 1: the policy is a pure function of state, observation and time: nothing in {@code
 *       policies} reads a clock (time comes in as {@code nowNanos}), writes to the console, logs,
 *       does I/O or makes threads. {@link LayerRules#policiesArePure} already keeps libraries
 *       (Vert.x, SLF4J, the SDK) out; this keeps the JDK's own clocks and I/O out.
 *   <li>Habit 12: blocking SDK calls stay behind a port: only the cloud-access layer builds SDK
 *       clients (with explicit timeouts), and a class that calls a client holds an {@link
 *       ActionGuard} (its rate limiter, retry and breaker, on a virtual thread).
 * </ul>
 */
final class StyleRules {
  private StyleRules() {}

  static ArchRule policiesReadNoClockAndDoNoIo(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".policies..")
        .should()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethodWhere(target(name("now")).and(target(owner(resideInAPackage("java.time..")))))
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(Clock.class, InstantSource.class, System.Logger.class, Thread.class)
        .orShould()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..",
            "java.nio..",
            "java.net..",
            "java.util.concurrent..",
            "java.util.logging..")
        .as("policies reads no clock, logs nothing and does no I/O");
  }

  static ArchRule sdkClientsAreBuiltOnlyInTheCloudLayer(String base) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(base + ".cloud..")
        .should()
        .callConstructorWhere(target(owner(assignableTo(AbstractClient.class))))
        .as("only cloud builds the SDK's clients");
  }

  static ArchRule sdkCallsGoThroughAGuard(String base) {
    return classes()
        .that()
        .resideOutsideOfPackage(base + ".cloud..")
        .and(CALL_AN_SDK_CLIENT)
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(ActionGuard.class)
        .as("a class that calls the SDK's clients does so behind an ActionGuard");
  }

  private static final DescribedPredicate<JavaClass> CALL_AN_SDK_CLIENT =
      DescribedPredicate.describe(
          "call a method of the SDK's clients",
          c ->
              c.getMethodCallsFromSelf().stream()
                  .anyMatch(call -> call.getTargetOwner().isAssignableTo(AbstractClient.class)));
}
