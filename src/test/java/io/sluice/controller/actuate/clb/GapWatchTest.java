package io.sluice.controller.actuate.clb;

import static io.sluice.controller.actuate.clb.RuleReadingTest.FUNCTION;
import static io.sluice.controller.actuate.clb.RuleReadingTest.HOME;
import static io.sluice.controller.actuate.clb.RuleReadingTest.RULE;
import static io.sluice.controller.actuate.clb.RuleReadingTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.TrafficSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

final class GapWatchTest {
  private static final long MS = 1_000_000;

  private static GapWatch watch(RulePlan plan) {
    return new GapWatch(RULE, plan, "mixedRuleTargets rejected");
  }

  @Test
  void aSwitchBetweenKindsReportsHowLongTheRuleHadNoTarget() {
    RulePlan plan =
        RulePlanner.plan(RULE, rule(HOME, -1), HOME, FUNCTION, new TrafficSplit(0, 100), false);
    GapWatch gaps = watch(plan);
    List<RuleBackends> states = plan.states();

    gaps.observe(states.get(0), 1_000 * MS);
    assertThat(gaps.open()).isTrue();
    assertThat(gaps.stillOpen(1_100 * MS))
        .contains(
            "still open: rule lb-1/lbl-1/loc-1 had no target for 100 ms (mixedRuleTargets rejected) so far");
    gaps.observe(states.get(1), 1_340 * MS);

    assertThat(gaps.open()).isFalse();
    assertThat(gaps.report())
        .contains("rule lb-1/lbl-1/loc-1 had no target for 340 ms (mixedRuleTargets rejected)");
  }

  @Test
  void replacingAnotherFunctionBesideCvmTargetsIsReportedAsTheFunctionsGap() {
    RuleBackends other =
        new RuleBackends(
            WeightScaling.scale(HOME, 50),
            java.util.Optional.of(new FunctionBinding("default", "fn", "1", 50)));
    RulePlan plan = RulePlanner.plan(RULE, other, HOME, FUNCTION, new TrafficSplit(10, 90), true);
    GapWatch gaps = watch(plan);
    List<RuleBackends> states = plan.states();

    gaps.observe(states.get(0), 0);
    gaps.observe(states.get(1), 200 * MS);
    gaps.observe(states.get(2), 300 * MS);

    assertThat(gaps.report().orElseThrow())
        .startsWith("function default/fn:1 was unbound from rule lb-1/lbl-1/loc-1 for 200 ms");
  }

  @Test
  void changingTheFunctionsWeightInPlaceLeavesNoGap() {
    RulePlan plan =
        RulePlanner.plan(
            RULE,
            rule(WeightScaling.scale(HOME, 50), 50),
            HOME,
            FUNCTION,
            new TrafficSplit(10, 90),
            true);
    GapWatch gaps = watch(plan);

    plan.states().forEach(s -> gaps.observe(s, 5 * MS));

    assertThat(gaps.report()).isEmpty();
  }

  @Test
  void makeBeforeBreakReportsNothingAndNeitherDoesARuleThatRoutedNothingBefore() {
    RulePlan mixed =
        RulePlanner.plan(RULE, rule(HOME, -1), HOME, FUNCTION, new TrafficSplit(0, 100), true);
    GapWatch gaps = watch(mixed);
    mixed.states().forEach(s -> gaps.observe(s, 5 * MS));
    RulePlan fromNothing =
        RulePlanner.plan(RULE, RuleBackends.EMPTY, HOME, FUNCTION, new TrafficSplit(100, 0), false);
    GapWatch none = watch(fromNothing);
    none.observe(RuleBackends.EMPTY, 0);

    assertThat(gaps.report()).isEmpty();
    assertThat(none.open()).isFalse();
  }
}
