package io.sluice.controller.actuate.dns;

import static io.sluice.controller.actuate.dns.Records.SALE;
import static io.sluice.controller.actuate.dns.Records.off;
import static io.sluice.controller.actuate.dns.Records.on;
import static io.sluice.controller.actuate.dns.Records.pair;
import static io.sluice.controller.actuate.dns.Records.shop;
import static io.sluice.controller.actuate.dns.Records.split;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which writes a split needs, and in which order, written as the journal would show them. */
final class WritePlanTest {

  private static List<String> plan(List<PairState> pairs, int cvm, int scf) {
    return WritePlan.of(pairs, split(cvm, scf)).stream()
        .map(w -> w.action() + " " + w.target() + " " + w.value())
        .toList();
  }

  @Test
  void failoverRaisesAndEnablesTheStandbyBeforeDisablingThePrimary() {
    PairState primaryOnly = shop(on(1001, 100), off(1002, 0));

    assertThat(plan(List.of(primaryOnly), 0, 100))
        .containsExactly(
            "ModifyRecordFields shop.example.com record 1002 weight=100",
            "ModifyRecordStatus shop.example.com record 1002 status=ENABLE",
            "ModifyRecordStatus shop.example.com record 1001 status=DISABLE");
  }

  @Test
  void aRecordThatKeepsItsWeightWhileDisabledIsOnlyEnabled() {
    assertThat(plan(List.of(shop(on(1001, 100), off(1002, 100))), 0, 100))
        .containsExactly(
            "ModifyRecordStatus shop.example.com record 1002 status=ENABLE",
            "ModifyRecordStatus shop.example.com record 1001 status=DISABLE");
  }

  @Test
  void aPartialSplitWeightsBothAndLowersThePrimaryLast() {
    assertThat(plan(List.of(shop(on(1001, 100), off(1002, 0))), 70, 30))
        .containsExactly(
            "ModifyRecordFields shop.example.com record 1002 weight=30",
            "ModifyRecordStatus shop.example.com record 1002 status=ENABLE",
            "ModifyRecordFields shop.example.com record 1001 weight=70");
  }

  @Test
  void whenTheGainingRecordsOwnWeightFallsTheOtherIsLoweredFirst() {
    // 100/100 is 50/50; SCF gains (to 70) although its weight falls from 100 to 70, so lowering
    // CVM first (to 30: 23/77) moves towards SCF, while lowering SCF first would go to 59/41
    assertThat(plan(List.of(shop(on(1001, 100), on(1002, 100))), 30, 70))
        .containsExactly(
            "ModifyRecordFields shop.example.com record 1001 weight=30",
            "ModifyRecordFields shop.example.com record 1002 weight=70");
  }

  @Test
  void aRouteAlreadyThereNeedsNoWrite() {
    assertThat(plan(List.of(shop(on(1001, 70), on(1002, 30))), 70, 30)).isEmpty();
    assertThat(plan(List.of(shop(on(1001, 100), off(1002, 35))), 100, 0)).isEmpty();
  }

  @Test
  void weightsThatExpressTheSplitButAreNotItsPercentAreWrittenAbsolute() {
    assertThat(plan(List.of(shop(on(1001, 7), on(1002, 3))), 70, 30))
        .containsExactly(
            "ModifyRecordFields shop.example.com record 1001 weight=70",
            "ModifyRecordFields shop.example.com record 1002 weight=30");
  }

  @Test
  void aNameResolvingToNothingIsGivenItsBackendFirst() {
    assertThat(plan(List.of(shop(off(1001, 100), off(1002, null))), 0, 100))
        .containsExactly(
            "ModifyRecordFields shop.example.com record 1002 weight=100",
            "ModifyRecordStatus shop.example.com record 1002 status=ENABLE");
  }

  @Test
  void anEnabledRecordWithWeightZeroIsDisabledWhenItsShareIsZero() {
    assertThat(plan(List.of(shop(on(1001, 100), on(1002, 0))), 100, 0))
        .containsExactly("ModifyRecordStatus shop.example.com record 1002 status=DISABLE");
  }

  @Test
  void everyNameGainsItsStandbyBeforeAnyNameLosesItsPrimary() {
    PairState shop = shop(on(1001, 100), off(1002, 100));
    PairState sale = pair(SALE, on(1003, 100), off(1004, 100));

    assertThat(plan(List.of(shop, sale), 0, 100))
        .containsExactly(
            "ModifyRecordStatus shop.example.com record 1002 status=ENABLE",
            "ModifyRecordStatus sale.example.com record 1004 status=ENABLE",
            "ModifyRecordStatus shop.example.com record 1001 status=DISABLE",
            "ModifyRecordStatus sale.example.com record 1003 status=DISABLE");
  }

  @Test
  void pairsThatDisagreeEachLeadWithTheirOwnGainingBackend() {
    PairState onCvm = shop(on(1001, 100), off(1002, 100));
    PairState onScf = pair(SALE, off(1003, 100), on(1004, 100));

    assertThat(plan(List.of(onCvm, onScf), 50, 50))
        .containsExactly(
            "ModifyRecordFields shop.example.com record 1002 weight=50",
            "ModifyRecordStatus shop.example.com record 1002 status=ENABLE",
            "ModifyRecordFields sale.example.com record 1003 weight=50",
            "ModifyRecordStatus sale.example.com record 1003 status=ENABLE",
            "ModifyRecordFields shop.example.com record 1001 weight=50",
            "ModifyRecordFields sale.example.com record 1004 weight=50");
  }
}
