package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class DidYouMeanTest {
  private static final List<String> KEYS =
      List.of("minDwell", "flapBudget", "failback", "failover");

  @Test
  void suggestsTheClosestKeyForATypo() {
    assertThat(DidYouMean.suggest("failbak", KEYS)).contains("failback");
    assertThat(DidYouMean.suggest("mindwell", KEYS)).contains("minDwell");
    assertThat(DidYouMean.suggest("flapbuget", KEYS)).contains("flapBudget");
  }

  @Test
  void suggestsNothingForANameThatIsNotATypo() {
    assertThat(DidYouMean.suggest("region", KEYS)).isEmpty();
    assertThat(DidYouMean.suggest("x", List.of())).isEmpty();
  }
}
