package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Routing;
import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RuleReadingTest {
  static final String RULE = "lb-1/lbl-1/loc-1";
  static final List<CvmTarget> HOME =
      List.of(new CvmTarget("ins-1", 80, 10), new CvmTarget("ins-2", 80, 20));
  static final FunctionBinding FUNCTION = new FunctionBinding("default", "fn", "$LATEST", 0);

  static RuleBackends rule(List<CvmTarget> targets, int functionWeight) {
    return new RuleBackends(
        targets,
        functionWeight < 0 ? Optional.empty() : Optional.of(FUNCTION.withWeight(functionWeight)));
  }

  private static Routing read(RuleBackends now) {
    return RuleReading.routing(RULE, now, HOME, FUNCTION);
  }

  @Test
  void homeTargetsAtHomeWeightsAreAllOnCvm() {
    Routing routing = read(rule(HOME, -1));

    assertThat(routing.split()).isEqualTo(new TrafficSplit(100, 0));
    assertThat(routing.uniform()).isTrue();
    assertThat(routing.detail())
        .isEqualTo("lb-1/lbl-1/loc-1: cvm ins-1:80 weight=10, ins-2:80 weight=20; scf none");
  }

  @Test
  void cvmTargetsAddedRemovedOrReweightedByOthersAreStillAllOnCvmAndNothingToRepair() {
    List<CvmTarget> reweighted =
        List.of(new CvmTarget("ins-1", 80, 10), new CvmTarget("ins-2", 80, 5));
    List<CvmTarget> missingOne = List.of(new CvmTarget("ins-1", 80, 10));
    List<CvmTarget> scaledOut = List.of(HOME.get(0), HOME.get(1), new CvmTarget("ins-3", 80, 10));

    for (List<CvmTarget> targets : List.of(reweighted, missingOne, scaledOut)) {
      assertThat(read(rule(targets, -1)).split()).isEqualTo(new TrafficSplit(100, 0));
      assertThat(read(rule(targets, -1)).uniform()).as("%s", targets).isTrue();
    }
    assertThat(read(rule(HOME, 0)).uniform()).as("a function left at weight 0").isFalse();
  }

  @Test
  void aTargetAddedDuringAMixedStepMakesTheStepUnevenUntilItIsRewrittenWithIt() {
    CvmTarget added = new CvmTarget("ins-3", 80, 30);
    List<CvmTarget> joined = new ArrayList<>(WeightScaling.scale(HOME, 40));
    joined.add(added);
    // the planner rewrites the step with every member scaled together, and keeps their full
    // weights as the home targets
    List<CvmTarget> members = List.of(HOME.get(0), HOME.get(1), added);
    RuleBackends rewritten = rule(WeightScaling.scale(members, 40), 60);

    assertThat(read(rule(joined, 60)).uniform()).isFalse();
    assertThat(RuleMembers.of(rule(joined, 60), HOME)).isEqualTo(members);
    Routing after = RuleReading.routing(RULE, rewritten, members, FUNCTION);
    assertThat(after.split()).isEqualTo(new TrafficSplit(40, 60));
    assertThat(after.uniform()).isTrue();
  }

  @Test
  void theFunctionAloneIsAllOnScfWhateverItsWeight() {
    Routing routing = read(rule(List.of(), 10));

    assertThat(routing.split()).isEqualTo(new TrafficSplit(0, 100));
    assertThat(routing.uniform()).isTrue();
  }

  @Test
  void anotherFunctionOrLeftoverTargetsAtZeroAreNotUniform() {
    RuleBackends other =
        new RuleBackends(List.of(), Optional.of(new FunctionBinding("default", "fn", "2", 100)));
    RuleBackends leftovers = rule(List.of(new CvmTarget("ins-1", 80, 0)), 100);

    assertThat(read(other).split()).isEqualTo(new TrafficSplit(0, 100));
    assertThat(read(other).uniform()).isFalse();
    assertThat(read(leftovers).split()).isEqualTo(new TrafficSplit(0, 100));
    assertThat(read(leftovers).uniform()).isFalse();
  }

  @Test
  void scaledHomeTargetsBesideTheFunctionReadAsExactlyTheSplitThatWroteThem() {
    for (int cvm = 1; cvm < 100; cvm++) {
      RuleBackends mixed = rule(WeightScaling.scale(HOME, cvm), 100 - cvm);

      Routing routing = read(mixed);

      assertThat(routing.split()).isEqualTo(new TrafficSplit(cvm, 100 - cvm));
      assertThat(routing.uniform()).isTrue();
    }
  }

  @Test
  void otherMixturesReadByTheirWeightsAndAreNotUniform() {
    RuleBackends mixed = rule(HOME, 10);

    Routing routing = read(mixed);

    assertThat(routing.split()).as("30 of 40").isEqualTo(new TrafficSplit(75, 25));
    assertThat(routing.uniform()).isFalse();
  }

  @Test
  void aRuleWithNothingWeightedIsUnknown() {
    for (RuleBackends nothing :
        List.of(
            RuleBackends.EMPTY,
            rule(List.of(new CvmTarget("ins-1", 80, 0)), -1),
            rule(List.of(), 0))) {
      ActuationException unknown =
          catchThrowableOfType(ActuationException.class, () -> read(nothing));

      assertThat(unknown.outcome()).isEqualTo(ActuationException.Outcome.UNKNOWN);
      assertThat(unknown.code()).isEqualTo(RuleReading.ROUTES_NOTHING);
      assertThat(unknown.getMessage()).contains("lb-1/lbl-1/loc-1").contains("routes to nothing");
    }
  }
}
