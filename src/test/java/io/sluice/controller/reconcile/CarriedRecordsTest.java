package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.Backend;
import io.sluice.policies.OperatorOverride;
import io.sluice.policies.Phase;
import io.sluice.policies.PolicyState;
import io.sluice.policies.TrafficSplit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The fenced records' JSON: every field of a policy state and an intent comes back as it went. */
final class CarriedRecordsTest {

  @Test
  void aPolicyStateWithEveryTimerSetComesBackWhole() {
    PolicyState.Snapshot snapshot =
        new PolicyState.Snapshot(
            Phase.FAILED_OVER,
            new TrafficSplit(10, 90),
            7,
            new PolicyState.ChangeHistory(
                OptionalLong.of(1_700_000_001_000L),
                Optional.of(Backend.SCF),
                List.of(new PolicyState.Flip(1_700_000_000_500L, Backend.SCF)),
                true,
                3,
                Optional.of(
                    new OperatorOverride(
                        new OperatorOverride.OverrideAction.FixedSplit(new TrafficSplit(50, 50)),
                        "ops",
                        "drill",
                        1_700_000_900_000L,
                        true))),
            new PolicyState.HomeWatch(
                OptionalLong.of(1_700_000_002_000L), OptionalLong.of(1_700_000_003_000L), 4_500),
            new PolicyState.SpillLevel(
                20, OptionalLong.of(1L), OptionalLong.empty(), OptionalLong.of(3L)),
            new PolicyState.PrewarmHold(true, OptionalLong.of(1_700_000_004_000L)));

    assertThat(CarriedRecords.policy(CarriedRecords.policy(snapshot))).isEqualTo(snapshot);
  }

  @Test
  void anIntentComesBackWhole() {
    CarriedRecords.Intent intent =
        new CarriedRecords.Intent(
            "ModifyRecordFields",
            "record 1002",
            "weight=30",
            Optional.of(new TrafficSplit(70, 30)),
            4);

    assertThat(CarriedRecords.intent(CarriedRecords.intent(intent))).isEqualTo(intent);
  }

  @Test
  void somethingElseIsRefusedAsNoRecord() {
    assertThatThrownBy(
            () -> CarriedRecords.policy("{\"phase\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
