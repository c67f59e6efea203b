package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Routing;
import io.sluice.policies.TrafficSplit;
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
  void cvmTargetsAwayFromTheirHomeWeightsOrSetAreNotUniform() {
    List<CvmTarget> uneven = List.of(new CvmTarget("ins-1", 80, 10), new CvmTarget("ins-2", 80, 5));
    List<CvmTarget> missingOne = List.of(new CvmTarget("ins-1", 80, 10));

    assertThat(read(rule(uneven, -1)).split()).isEqualTo(new TrafficSplit(100, 0));
    assertThat(read(rule(uneven, -1)).uniform()).isFalse();
    assertThat(read(rule(missingOne, -1)).uniform()).isFalse();
    assertThat(read(rule(HOME, 0)).uniform()).as("a function left at weight 0").isFalse();
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
