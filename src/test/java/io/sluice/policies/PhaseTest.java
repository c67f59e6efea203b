package io.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class PhaseTest {

  @Test
  void nothingReturnsToWarmingExceptTheEndOfAnOverrideDuringWarmUp() {
    for (Phase p : Phase.values()) {
      boolean allowed = p == Phase.WARMING || p == Phase.OVERRIDDEN;
      assertThat(p.canMoveTo(Phase.WARMING)).as("%s -> WARMING", p).isEqualTo(allowed);
    }
  }

  @Test
  void anIllegalTransitionThrowsNamingBothPhases() {
    assertThatThrownBy(() -> Phase.NORMAL.moveTo(Phase.FAILING_BACK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("illegal phase transition NORMAL -> FAILING_BACK");
  }

  @Test
  void codesAreUniqueAndStable() {
    assertThat(Arrays.stream(Phase.values()).mapToInt(Phase::code)).doesNotHaveDuplicates();
    assertThat(Phase.FAILED_OVER.code()).isEqualTo(3);
    assertThat(Phase.BOTH_DOWN.code()).isEqualTo(5);
  }
}
