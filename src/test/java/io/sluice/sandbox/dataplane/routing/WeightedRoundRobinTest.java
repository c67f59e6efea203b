package io.sluice.sandbox.dataplane.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class WeightedRoundRobinTest {

  private final WeightedRoundRobin<String> scheduler = new WeightedRoundRobin<>();
  private final List<CvmTarget> targets =
      List.of(
          new CvmTarget("ins-a", "10.0.0.1", 80, 5),
          new CvmTarget("ins-b", "10.0.0.2", 80, 3),
          new CvmTarget("ins-c", "10.0.0.3", 80, 2));

  private List<String> picks(int count, List<CvmTarget> candidates) {
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picks.add(
          scheduler
              .pick(candidates, CvmTarget::instanceId, CvmTarget::weight)
              .orElseThrow()
              .instanceId());
    }
    return picks;
  }

  @Test
  void picksEachTargetExactlyItsWeightInEveryCycle() {
    for (int cycle = 0; cycle < 3; cycle++) {
      Map<String, Long> counts =
          picks(10, targets).stream()
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(counts)
          .containsExactlyInAnyOrderEntriesOf(Map.of("ins-a", 5L, "ins-b", 3L, "ins-c", 2L));
    }
  }

  @Test
  void interleavesRatherThanSendingBursts() {
    assertThat(picks(10, targets)).doesNotContainSequence("ins-a", "ins-a", "ins-a");
  }

  @Test
  void followsTheCandidateSetWhenATargetLeaves() {
    picks(3, targets);
    List<CvmTarget> remaining = targets.subList(1, 3);
    assertThat(picks(5, remaining)).doesNotContain("ins-a").hasSize(5);
  }

  @Test
  void hasNothingToPickFromNoCandidates() {
    assertThat(scheduler.pick(List.<CvmTarget>of(), CvmTarget::instanceId, CvmTarget::weight))
        .isEmpty();
  }
}
