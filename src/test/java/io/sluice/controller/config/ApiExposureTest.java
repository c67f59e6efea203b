package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The API may listen beyond this host only with credentials and TLS, or with an explicit {@code
 * allowPlaintextTokens}; the config's own address is held to it, and so (in the CLI) is the one
 * {@code --listen} gives.
 */
final class ApiExposureTest {
  private static final String TOKEN =
      "tokens: [{ id: ops, sha256: " + "ab".repeat(32) + ", role: viewer }]";

  @Test
  void aNameThatStartsLike127IsNotLoopback() {
    assertThat(TestConfigs.errorsOf(TestConfigs.withApi("listen: '127.attacker.example:7070'")))
        .containsExactly(
            "12:18 controller.api.listen: must be a loopback address while api.tokens is empty,"
                + " got 127.attacker.example:7070");
  }

  @Test
  void tokensBeyondLoopbackNeedTls() {
    assertThat(TestConfigs.errorsOf(TestConfigs.withApi("listen: 0.0.0.0:7070, " + TOKEN)))
        .singleElement()
        .asString()
        .contains("controller.api.listen: must be a loopback address without api.tls")
        .contains("api.allowPlaintextTokens: true")
        .endsWith("got 0.0.0.0:7070");
  }

  @Test
  void tlsOrAnExplicitAllowanceLetsTheApiListenBeyondLoopback() throws ConfigException {
    SluiceConfig plaintext =
        TestConfigs.load(
            TestConfigs.withApi("listen: 0.0.0.0:7070, allowPlaintextTokens: true, " + TOKEN));
    ControllerConfig.Api allowed = plaintext.controller().api();
    assertThat(ApiExposure.refusals(allowed, "0.0.0.0")).isEmpty();
    assertThat(ApiExposure.plaintextBeyondLoopback(allowed, "0.0.0.0")).isTrue();

    SluiceConfig tls =
        TestConfigs.load(
            TestConfigs.withApi(
                "listen: '[::]:7070', tls: { certFile: c.pem, keyFile: k.pem }, " + TOKEN));
    assertThat(ApiExposure.refusals(tls.controller().api(), "[::]")).isEmpty();
    assertThat(ApiExposure.plaintextBeyondLoopback(tls.controller().api(), "[::]")).isFalse();
  }

  @Test
  void theDefaultIsLoopbackAndNeedsNothing() throws ConfigException {
    ControllerConfig.Api api = TestConfigs.load(SANDBOX_DEMO).controller().api();
    assertThat(api.allowPlaintextTokens()).isFalse();
    assertThat(ApiExposure.refusals(api, api.listen().host())).isEmpty();
    assertThat(ApiExposure.refusals(api, "0.0.0.0")).hasSize(2);
  }
}
