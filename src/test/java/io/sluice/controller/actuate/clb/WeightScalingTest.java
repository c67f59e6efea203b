package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

final class WeightScalingTest {
  private static final List<CvmTarget> HOME =
      List.of(new CvmTarget("ins-1", 80, 10), new CvmTarget("ins-2", 80, 20));

  private static List<Integer> weights(List<CvmTarget> targets) {
    return targets.stream().map(CvmTarget::weight).toList();
  }

  @Test
  void weightsAddUpToTheShareInTheHomeProportions() {
    assertThat(weights(WeightScaling.scale(HOME, 10))).containsExactly(3, 7);
    assertThat(weights(WeightScaling.scale(HOME, 50))).containsExactly(17, 33);
    assertThat(weights(WeightScaling.scale(HOME, 90))).containsExactly(30, 60);
  }

  @Test
  void theTargetsKeepTheirBindingsAndOrder() {
    assertThat(WeightScaling.scale(HOME, 10))
        .extracting(CvmTarget::binding)
        .containsExactly("ins-1:80", "ins-2:80");
  }

  @Test
  void everyWeightedTargetKeepsAtLeastOneEvenAboveTheShare() {
    List<CvmTarget> three =
        List.of(
            new CvmTarget("ins-1", 80, 1),
            new CvmTarget("ins-2", 80, 1),
            new CvmTarget("ins-3", 80, 100));

    assertThat(weights(WeightScaling.scale(three, 1))).containsExactly(1, 1, 1);
    assertThat(weights(WeightScaling.scale(three, 3))).containsExactly(1, 1, 2);
  }

  @Test
  void aTargetDrainedAtHomeStaysDrained() {
    List<CvmTarget> drained =
        List.of(new CvmTarget("ins-1", 80, 0), new CvmTarget("ins-2", 80, 20));

    assertThat(weights(WeightScaling.scale(drained, 40))).containsExactly(0, 40);
  }

  @Test
  void aWholeShareOrHomeTargetsWithoutWeightAreRefused() {
    assertThatThrownBy(() -> WeightScaling.scale(HOME, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WeightScaling.scale(List.of(new CvmTarget("ins-1", 80, 0)), 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight above 0");
  }

  @Property
  void roundingStaysWithinOneOfTheExactShareAndNeverDropsATarget(
      @ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 100) Integer> homeWeights,
      @ForAll @IntRange(min = 1, max = 99) int share) {
    net.jqwik.api.Assume.that(homeWeights.stream().mapToInt(Integer::intValue).sum() > 0);
    List<CvmTarget> home = new ArrayList<>();
    for (int i = 0; i < homeWeights.size(); i++) {
      home.add(new CvmTarget("ins-" + i, 80, homeWeights.get(i)));
    }
    int homeTotal = homeWeights.stream().mapToInt(Integer::intValue).sum();

    List<CvmTarget> scaled = WeightScaling.scale(home, share);

    int lifted = 0;
    int total = 0;
    for (int i = 0; i < home.size(); i++) {
      int weight = scaled.get(i).weight();
      double exact = (double) homeWeights.get(i) * share / homeTotal;
      total += weight;
      if (homeWeights.get(i) == 0) {
        assertThat(weight).isZero();
      } else if (exact < 1) {
        assertThat(weight).isEqualTo(1);
        lifted++;
      } else {
        assertThat(Math.abs(weight - exact)).isLessThan(1.0);
      }
    }
    assertThat(total).isBetween(share, share + lifted);
  }
}
