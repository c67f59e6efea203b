package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ControllerConfig;
import io.sluice.testing.LogCapture;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The API's own gate on the address it is asked to listen on, whoever asks (the config, {@code
 * --listen}, a test): beyond loopback it needs TLS, or {@code allowPlaintextTokens} and a warning.
 */
final class ListenExposureTest {

  private static ControllerConfig.Api api(String settings) throws Exception {
    String yaml = Files.readString(ApiHarness.CONFIG).replace("  api:\n", "  api:\n" + settings);
    return new ConfigLoader(name -> null).parse("api.yaml", yaml).controller().api();
  }

  @Test
  void refusesTokensInPlainTextBeyondLoopback() throws Exception {
    ControllerConfig.Api api = api("");
    assertThatThrownBy(() -> OperatorApi.admitExposure(api, "0.0.0.0", 7070))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0.0.0:7070")
        .hasMessageContaining("without api.tls");
    assertThatThrownBy(() -> OperatorApi.admitExposure(api, "127.attacker.example", 7070))
        .hasMessageContaining("127.attacker.example:7070");
  }

  @Test
  void servesPlainTextBeyondLoopbackOnlyWhenAllowedAndWarns() throws Exception {
    ControllerConfig.Api allowed = api("    allowPlaintextTokens: true\n");
    try (LogCapture log = LogCapture.of(OperatorApi.class)) {
      OperatorApi.admitExposure(allowed, "10.0.0.7", 7070);
      OperatorApi.admitExposure(allowed, "127.0.0.1", 7070);

      assertThat(log.lines())
          .singleElement()
          .asString()
          .startsWith("WARN the API listens on 10.0.0.7:7070 without TLS");
    }
  }
}
