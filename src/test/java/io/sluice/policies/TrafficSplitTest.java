package io.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class TrafficSplitTest {

  @Test
  void parsesBothSidesInEitherOrder() {
    assertThat(TrafficSplit.parse("scf=30,cvm=70")).isEqualTo(new TrafficSplit(70, 30));
  }

  @Test
  void oneSideTakesTheRest() {
    assertThat(TrafficSplit.parse("scf=25")).isEqualTo(new TrafficSplit(75, 25));
  }

  @Test
  void rejectsWeightsThatDoNotSumTo100() {
    assertThatThrownBy(() -> TrafficSplit.parse("cvm=70,scf=40"))
        .hasMessageContaining("sum to 100")
        .hasMessageContaining("cvm=70,scf=40");
  }

  @Test
  void rejectsAnUnknownBackendNamingIt() {
    assertThatThrownBy(() -> TrafficSplit.parse("cvm=50,ecs=50")).hasMessageContaining("'ecs'");
  }
}
