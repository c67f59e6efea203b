package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ReadinessTest {

  @Test
  void readyOnlyOnceTheCloudIsReadAndEveryBackendHasAResult() {
    assertThat(new Readiness(false, List.of(), List.of()).status()).isEqualTo(503);
    assertThat(new Readiness(true, List.of("shop/scf"), List.of()).status()).isEqualTo(503);
    assertThat(new Readiness(true, List.of(), List.of()).status()).isEqualTo(200);
  }

  @Test
  void theBodySaysWhatIsMissing() {
    assertThat(new Readiness(false, List.of("shop/cvm", "shop/scf"), List.of()).body())
        .isEqualTo(
            "starting: reading the cloud's routing\n"
                + "starting: no probe result yet for shop/cvm\n"
                + "starting: no probe result yet for shop/scf\n");
  }

  @Test
  void escalationsAreListedWithoutMakingTheDaemonUnready() {
    Readiness readiness = new Readiness(true, List.of(), List.of("shop/shop: not moved"));

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body()).isEqualTo("ready\nescalated: shop/shop: not moved\n");
  }
}
