package io.sluice.controller.actuate.dns;

import static io.sluice.controller.actuate.dns.Records.off;
import static io.sluice.controller.actuate.dns.Records.on;
import static io.sluice.controller.actuate.dns.Records.shop;
import static io.sluice.controller.actuate.dns.Records.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.policies.TrafficSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a record pair: weights to a split, and the states Sluice refuses to read. */
final class PairStateTest {

  @ParameterizedTest(name = "weights {0}/{1} read as {2}/{3}")
  @CsvSource({
    "100, 0, 100, 0",
    "0, 100, 0, 100",
    "70, 30, 70, 30",
    "7, 3, 70, 30",
    "1, 2, 33, 67",
    "100, 100, 50, 50",
    // the smallest share a weighted record can have still reads as 1 %, never 0
    "1, 100, 1, 99",
    "100, 1, 99, 1",
  })
  void weightsReadAsPercentRounded(int cvm, int scf, int cvmPercent, int scfPercent) {
    assertThat(PairState.splitOf(cvm, scf)).contains(split(cvmPercent, scfPercent));
  }

  @Test
  void twoZeroWeightsResolveToNothing() {
    assertThat(PairState.splitOf(0, 0)).isEmpty();
  }

  @Test
  void aDisabledRecordCountsAsZeroWhateverWeightItKeeps() {
    PairState state = shop(on(1001, 100), off(1002, 100));

    assertThat(state.split()).contains(TrafficSplit.allOn(io.sluice.policies.Backend.CVM));
  }

  @Test
  void bothRecordsDisabledResolveToNothing() {
    assertThat(shop(off(1001, 100), off(1002, 50)).split()).isEmpty();
  }

  @Test
  void aDisabledRecordWithoutWeightReadsAsZero() {
    assertThat(shop(on(1001, 40), off(1002, null)).split()).contains(split(100, 0));
  }

  @Test
  void anEnabledRecordWithoutWeightIsUnknownAndNamed() {
    assertThatThrownBy(() -> shop(on(1001, 100), on(1002, null)))
        .isInstanceOfSatisfying(
            ActuationException.class,
            e -> {
              assertThat(e.outcome()).isEqualTo(ActuationException.Outcome.UNKNOWN);
              assertThat(e.code()).isEqualTo(PairState.UNWEIGHTED);
            })
        .hasMessageContaining("shop.example.com")
        .hasMessageContaining("record 1002")
        .hasMessageContaining("without a weight");
  }

  @Test
  void aRecordOfAnotherHostIsUnknownAndNamed() {
    RecordState elsewhere = new RecordState(1002, "www", true, 0);

    assertThatThrownBy(() -> PairState.of(Records.SHOP, on(1001, 100), elsewhere))
        .isInstanceOfSatisfying(
            ActuationException.class, e -> assertThat(e.code()).isEqualTo(PairState.WRONG_HOST))
        .hasMessageContaining("record 1002 is at host 'www'");
  }

  @Test
  void detailNamesBothRecordsWithWeightAndStatus() {
    assertThat(shop(on(1001, 100), off(1002, null)).detail())
        .isEqualTo(
            "shop.example.com: cvm record 1001 weight 100 ENABLE, scf record 1002 weight none"
                + " DISABLE");
  }
}
