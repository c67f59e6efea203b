package io.sluice.sandbox.dataplane.clb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class VantageLossTest {
  private static final String R1 = "sluice-prober (vantage r1)";
  private static final String R2 = "sluice-prober (vantage r2)";

  @Test
  void losesAboutTheShareOfTheNamedVantagePointsRequestsOnly() {
    VantageLoss loss = new VantageLoss();
    loss.set(new VantageLoss.Rule("r1", "lbl-cvm", 0.2, VantageLoss.Kind.FAIL, 7));

    int lostR1 = 0;
    int lostR2 = 0;
    for (int i = 0; i < 10_000; i++) {
      lostR1 += loss.decide(R1, "lbl-cvm", "loc-a").isPresent() ? 1 : 0;
      lostR2 += loss.decide(R2, "lbl-cvm", "loc-a").isPresent() ? 1 : 0;
    }

    assertThat(lostR1).isBetween(1_800, 2_200);
    assertThat(lostR2).isZero();
    assertThat(loss.decide(R1, "lbl-scf", "loc-b")).isEmpty();
    assertThat(loss.decide("curl/8.0", "lbl-cvm", "loc-a")).isEmpty();
    assertThat(loss.decide(null, "lbl-cvm", "loc-a")).isEmpty();
  }

  @Test
  void theSameSeedLosesTheSameRequests() {
    assertThat(draws(42)).isEqualTo(draws(42)).isNotEqualTo(draws(43));
  }

  @Test
  void aRuleMayNameARuleOrEveryBackend() {
    VantageLoss loss = new VantageLoss();
    loss.set(new VantageLoss.Rule("r1", "loc-a", 1, VantageLoss.Kind.DROP, 1));
    loss.set(new VantageLoss.Rule("r2", "*", 1, VantageLoss.Kind.FAIL, 1));

    assertThat(loss.decide(R1, "lbl-cvm", "loc-a")).contains(VantageLoss.Kind.DROP);
    assertThat(loss.decide(R1, "lbl-cvm", "loc-b")).isEmpty();
    assertThat(loss.decide(R2, "lbl-any", null)).contains(VantageLoss.Kind.FAIL);

    loss.clear();
    assertThat(loss.decide(R1, "lbl-cvm", "loc-a")).isEmpty();
  }

  @Test
  void theVantagePointIsReadFromTheUserAgent() {
    assertThat(VantageLoss.vantageOf(R1)).contains("r1");
    assertThat(VantageLoss.vantageOf("sluice-prober")).isEmpty();
    assertThat(VantageLoss.vantageOf("x (vantage zone-3.a)")).isEqualTo(Optional.of("zone-3.a"));
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> new VantageLoss.Rule("r1", "*", 1.5, VantageLoss.Kind.DROP, 1))
        .hasMessage("share: must be 0-1, got 1.5");
    assertThatThrownBy(() -> VantageLoss.Kind.parse("lose"))
        .hasMessage("kind: must be drop or fail, got 'lose'");
  }

  private static List<Boolean> draws(long seed) {
    VantageLoss loss = new VantageLoss();
    loss.set(new VantageLoss.Rule("r1", "*", 0.5, VantageLoss.Kind.FAIL, seed));
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      out.add(loss.decide(R1, "lbl-cvm", null).isPresent());
    }
    return out;
  }
}
