package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The API's connection bound and time limits: defaults that protect it, and ranges that hold. */
final class ApiLimitsConfigTest {

  @Test
  void theApiIsBoundedByDefault() throws ConfigException {
    ControllerConfig.Api api = TestConfigs.load(SANDBOX_DEMO).controller().api();

    assertThat(api.maxConnections()).isEqualTo(512);
    assertThat(api.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(api.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(api.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void eachLimitOutsideItsRangeIsAnError() {
    assertThat(
            TestConfigs.errorsOf(
                TestConfigs.withApi(
                    "maxConnections: 0, idleTimeout: 2h, headerTimeout: 50ms,"
                        + " requestTimeout: 0s")))
        .extracting(e -> e.substring(e.indexOf(' ') + 1))
        .containsExactlyInAnyOrder(
            "controller.api.maxConnections: must be 1-100000, got 0",
            "controller.api.idleTimeout: must be 100ms-1h, got 2h",
            "controller.api.headerTimeout: must be 100ms-5m, got 50ms",
            "controller.api.requestTimeout: must be 100ms-1h, got 0s");
  }
}
