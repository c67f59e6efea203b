package io.sluice.sandbox.dataplane.clb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ConnectionBudgetTest {
  @Test
  void aSmallWorldKeepsTheDefaultPool() {
    assertThat(ConnectionBudget.perTarget(2, 20_000)).isEqualTo(ConnectionBudget.MOST_PER_TARGET);
  }

  @Test
  void twoThousandInstancesUnderTwentyThousandFilesKeepTheirPoolsToHalfTheLimit() {
    int perTarget = ConnectionBudget.perTarget(2_000, 20_000);

    assertThat(perTarget).isEqualTo(2);
    assertThat(2L * 2_000 * perTarget).isLessThanOrEqualTo(10_000);
  }

  @Test
  void everyInstanceKeepsAtLeastOneConnection() {
    assertThat(ConnectionBudget.perTarget(100_000, 1_024)).isEqualTo(1);
    assertThat(ConnectionBudget.perTarget(0, 1_024)).isEqualTo(ConnectionBudget.MOST_PER_TARGET);
  }

  @Test
  void thisProcessHasALimit() {
    assertThat(ConnectionBudget.maxFiles()).isPositive();
  }
}
