package io.sluice.controller.actuate.clb;

import static io.sluice.controller.actuate.clb.RuleReadingTest.FUNCTION;
import static io.sluice.controller.actuate.clb.RuleReadingTest.HOME;
import static io.sluice.controller.actuate.clb.RuleReadingTest.RULE;
import static io.sluice.controller.actuate.clb.RuleReadingTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RulePlannerTest {
  private static final RuleBackends ON_CVM = rule(HOME, -1);
  private static final RuleBackends ON_SCF = rule(List.of(), 100);

  private static RulePlan plan(RuleBackends now, int cvm, boolean mixed) {
    return RulePlanner.plan(RULE, now, HOME, FUNCTION, new TrafficSplit(cvm, 100 - cvm), mixed);
  }

  /** Each step as {@code Action value}, in order. */
  private static List<String> steps(RulePlan plan) {
    return plan.steps().stream().map(s -> s.action().apiName() + " " + s.value()).toList();
  }

  @Test
  void failoverWithoutMixingDeregistersTheTargetsBeforeBindingTheFunction() {
    RulePlan plan = plan(ON_CVM, 0, false);

    assertThat(steps(plan))
        .containsExactly(
            "DeregisterTargets ins-1:80, ins-2:80",
            "RegisterFunctionTargets default/fn:$LATEST weight=100");
    assertThat(plan.states().getFirst().routesNothing()).as("the unavoidable gap").isTrue();
    assertThat(plan.to()).isEqualTo(ON_SCF);
  }

  @Test
  void failbackWithoutMixingUnbindsTheFunctionBeforeRegisteringTheHomeTargets() {
    assertThat(steps(plan(ON_SCF, 100, false)))
        .containsExactly(
            "DeregisterFunctionTargets default/fn:$LATEST",
            "RegisterTargets ins-1:80 weight=10, ins-2:80 weight=20");
  }

  @Test
  void withMixingTheGainingSideIsAddedFirstAndNothingIsEverUnrouted() {
    RulePlan failover = plan(ON_CVM, 0, true);
    RulePlan failback = plan(ON_SCF, 100, true);

    assertThat(steps(failover))
        .containsExactly(
            "RegisterFunctionTargets default/fn:$LATEST weight=100",
            "DeregisterTargets ins-1:80, ins-2:80");
    assertThat(steps(failback))
        .containsExactly(
            "RegisterTargets ins-1:80 weight=10, ins-2:80 weight=20",
            "DeregisterFunctionTargets default/fn:$LATEST");
    assertThat(failover.states()).noneMatch(RuleBackends::routesNothing);
    assertThat(failback.states()).noneMatch(RuleBackends::routesNothing);
  }

  @Test
  void aSplitWithMixingBindsTheFunctionAtTheScfShareThenScalesTheTargets() {
    RulePlan plan = plan(ON_CVM, 10, true);

    assertThat(steps(plan))
        .containsExactly(
            "RegisterFunctionTargets default/fn:$LATEST weight=90",
            "ModifyTargetWeight ins-1:80 weight=3, ins-2:80 weight=7");
    assertThat(plan.split()).isEqualTo(new TrafficSplit(10, 90));
  }

  @Test
  void movingTowardsCvmRaisesTheTargetsBeforeLoweringTheFunctionInPlace() {
    RuleBackends tenNinety = rule(WeightScaling.scale(HOME, 10), 90);

    assertThat(steps(plan(tenNinety, 50, true)))
        .containsExactly(
            "ModifyTargetWeight ins-1:80 weight=17, ins-2:80 weight=33",
            "ModifyFunctionTargets default/fn:$LATEST weight=50");
  }

  @Test
  void movingTowardsScfRaisesTheFunctionInPlaceBeforeLoweringTheTargets() {
    RuleBackends fiftyFifty = rule(WeightScaling.scale(HOME, 50), 50);

    RulePlan plan = plan(fiftyFifty, 10, true);

    assertThat(steps(plan))
        .containsExactly(
            "ModifyFunctionTargets default/fn:$LATEST weight=90",
            "ModifyTargetWeight ins-1:80 weight=3, ins-2:80 weight=7");
    assertThat(plan.states())
        .as("the CVM share only falls on the way: never all of it on CVM while unbinding")
        .allSatisfy(s -> assertThat(RuleReading.scfShare(s)).isGreaterThanOrEqualTo(50));
  }

  @Test
  void leavingTheFunctionForRoutedTargetsUnbindsItBeforeRestoringTheirFullWeights() {
    // scaled to 50 the targets weigh 17 and 33; at full weight only 10 and 20, so restoring them
    // first would give the function 50 of 80, more than the half it is losing
    RuleBackends fiftyFifty = rule(WeightScaling.scale(HOME, 50), 50);

    RulePlan plan = plan(fiftyFifty, 100, true);

    assertThat(steps(plan))
        .containsExactly(
            "DeregisterFunctionTargets default/fn:$LATEST",
            "ModifyTargetWeight ins-1:80 weight=10, ins-2:80 weight=20");
    assertThat(plan.states()).allSatisfy(s -> assertThat(RuleReading.scfShare(s)).isZero());
  }

  @Test
  void allOnScfFromASplitOnlyDeregistersTheTargetsAndKeepsTheFunctionsWeight() {
    RuleBackends tenNinety = rule(WeightScaling.scale(HOME, 10), 90);

    assertThat(steps(plan(tenNinety, 0, true)))
        .containsExactly("DeregisterTargets ins-1:80, ins-2:80");
  }

  @Test
  void withoutMixingASplitTakesTheLargerShareAndATieKeepsTheCurrentKind() {
    assertThat(plan(ON_CVM, 40, false).split()).isEqualTo(new TrafficSplit(0, 100));
    assertThat(plan(ON_SCF, 60, false).split()).isEqualTo(new TrafficSplit(100, 0));
    assertThat(plan(ON_CVM, 50, false).isEmpty()).isTrue();
    assertThat(plan(ON_SCF, 50, false).isEmpty()).isTrue();
    assertThat(plan(ON_SCF, 50, false).split()).isEqualTo(new TrafficSplit(0, 100));
    assertThat(plan(RuleBackends.EMPTY, 50, false).split())
        .as("nothing routed: the home side")
        .isEqualTo(new TrafficSplit(100, 0));
  }

  @Test
  void aRuleAlreadyThereNeedsNoWrite() {
    assertThat(plan(ON_CVM, 100, false).isEmpty()).isTrue();
    assertThat(plan(ON_CVM, 100, true).isEmpty()).isTrue();
    assertThat(plan(ON_SCF, 0, true).isEmpty()).isTrue();
    assertThat(plan(rule(List.of(), 7), 0, false).isEmpty())
        .as("a function alone carries everything at any weight")
        .isTrue();
    assertThat(plan(rule(WeightScaling.scale(HOME, 10), 90), 10, true).isEmpty()).isTrue();
  }

  @Test
  void targetsOthersAddedStayWhileTheRuleRoutesToCvmAndLeaveWithTheRestOnFailover() {
    List<CvmTarget> scaledOut = new ArrayList<>(HOME);
    scaledOut.add(new CvmTarget("ins-9", 8080, 10));

    assertThat(steps(plan(rule(scaledOut, -1), 100, true))).isEmpty();
    assertThat(steps(plan(rule(scaledOut, -1), 100, false))).isEmpty();
    assertThat(steps(plan(rule(scaledOut, -1), 0, true)))
        .containsExactly(
            "RegisterFunctionTargets default/fn:$LATEST weight=100",
            "DeregisterTargets ins-1:80, ins-2:80, ins-9:8080");
  }

  @Test
  void aMixedStepScalesTheTargetsOnTheRuleNotTheHomeSet() {
    // ins-2 was removed by hand and ins-9 added while CVM had all the traffic
    List<CvmTarget> now = List.of(HOME.get(0), new CvmTarget("ins-9", 80, 30));

    assertThat(steps(plan(rule(now, -1), 50, true)))
        .containsExactly(
            "RegisterFunctionTargets default/fn:$LATEST weight=50",
            "ModifyTargetWeight ins-1:80 weight=13, ins-9:80 weight=37");
  }

  @Test
  void aFailbackFromTheFunctionRegistersTheHomeTargetsItIsGiven() {
    List<CvmTarget> live = List.of(HOME.get(1));

    RulePlan failback =
        RulePlanner.plan(RULE, ON_SCF, live, FUNCTION, new TrafficSplit(100, 0), false);

    assertThat(steps(failback))
        .containsExactly(
            "DeregisterFunctionTargets default/fn:$LATEST", "RegisterTargets ins-2:80 weight=20");
  }

  @Test
  void anEmptyRuleGetsWhatTheSplitNeeds() {
    assertThat(steps(plan(RuleBackends.EMPTY, 100, false)))
        .containsExactly("RegisterTargets ins-1:80 weight=10, ins-2:80 weight=20");
    assertThat(steps(plan(RuleBackends.EMPTY, 0, true)))
        .containsExactly("RegisterFunctionTargets default/fn:$LATEST weight=100");
  }

  @Test
  void anotherFunctionIsReplacedByTheConfiguredOne() {
    RuleBackends other =
        new RuleBackends(List.of(), Optional.of(new FunctionBinding("default", "fn", "1", 100)));

    assertThat(steps(plan(other, 0, false)))
        .containsExactly(
            "DeregisterFunctionTargets default/fn:1",
            "RegisterFunctionTargets default/fn:$LATEST weight=100");
  }

  @Test
  void moreThanTwentyTargetsAreWrittenTwentyAtATime() {
    List<CvmTarget> many = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      many.add(new CvmTarget("ins-" + i, 80, 10));
    }

    RulePlan plan =
        RulePlanner.plan(RULE, RuleBackends.EMPTY, many, FUNCTION, new TrafficSplit(100, 0), false);

    assertThat(plan.steps())
        .extracting(s -> ((RuleStep.RegisterTargets) s).targets().size())
        .containsExactly(20, 20, 5);
  }

  @Test
  void cvmTrafficWithoutHomeTargetsFailsSayingWhy() {
    ActuationException failed =
        catchThrowableOfType(
            ActuationException.class,
            () ->
                RulePlanner.plan(
                    RULE, ON_SCF, List.of(), FUNCTION, new TrafficSplit(10, 90), true));

    assertThat(failed.outcome()).isEqualTo(ActuationException.Outcome.FAILED);
    assertThat(failed.code()).isEqualTo(RulePlanner.NO_HOME_TARGETS);
    assertThat(failed.getMessage())
        .contains("cannot fail back")
        .contains("lb-1/lbl-1/loc-1")
        .contains("no home targets");
    assertThat(
            RulePlanner.plan(RULE, ON_SCF, List.of(), FUNCTION, new TrafficSplit(0, 100), true)
                .isEmpty())
        .as("all on SCF needs no home targets")
        .isTrue();
  }
}
