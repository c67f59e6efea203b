package io.sluice.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How long an injected fault lasts and which one a call gets. */
final class ControlPlaneFaultsTest {
  private final ControlPlaneFaults faults = new ControlPlaneFaults();
  private final Fault reset = new Fault.ConnectionReset();
  private final Fault hang = new Fault.Hang();

  @Test
  void oneShotFaultAnswersOneCall() {
    faults.once("ModifyRecord", reset);

    assertThat(faults.take("ModifyRecord")).contains(reset);
    assertThat(faults.take("ModifyRecord")).isEmpty();
  }

  @Test
  void countedFaultAnswersThatManyCalls() {
    faults.times("ModifyRecord", reset, 2);

    assertThat(faults.take("ModifyRecord")).contains(reset);
    assertThat(faults.take("ModifyRecord")).contains(reset);
    assertThat(faults.take("ModifyRecord")).isEmpty();
  }

  @Test
  void standingFaultLastsUntilCleared() {
    faults.untilCleared("ModifyRecord", reset);
    for (int i = 0; i < 5; i++) {
      assertThat(faults.take("ModifyRecord")).contains(reset);
    }

    faults.clear("ModifyRecord");

    assertThat(faults.take("ModifyRecord")).isEmpty();
  }

  @Test
  void anActionsOwnFaultWinsOverTheWildcard() {
    faults.untilCleared(ControlPlaneFaults.ANY_ACTION, hang);
    faults.untilCleared("ModifyRecord", reset);

    assertThat(faults.take("ModifyRecord")).contains(reset);
    assertThat(faults.take("DescribeRecordList")).contains(hang);
  }
}
