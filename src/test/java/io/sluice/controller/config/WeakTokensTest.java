package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A token anyone would guess is no token: validate refuses its hash, and no example ships one. */
final class WeakTokensTest {

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hi",
        "test",
        "password",
        "admin",
        "Admin",
        "changeme",
        "secret",
        "token",
        "sluice",
        "123456",
        "sluice-demo-admin"
      })
  void aTokenHashedFromAWellKnownWordIsRefused(String word) throws Exception {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { tokens: [{ id: ops, sha256: "
                + sha256(word)
                + ", role: viewer }] }");

    assertThat(TestConfigs.errorsOf(yaml))
        .singleElement()
        .asString()
        .contains(
            "controller.api.tokens[0].sha256: is the SHA-256 of a well-known weak token",
            "sluice token --id ops --role ROLE")
        .doesNotContain("'" + word + "'");
  }

  @Test
  void aRandomTokensHashIsAccepted() throws Exception {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { tokens: [{ id: ops, sha256: "
                + sha256("sluice_Qz3l0m8R2vN5kX7tY1wB4cE6fH9jK0pS3uV5xZ7aC9d")
                + ", role: viewer }] }");

    assertThat(TestConfigs.load(yaml).controller().api().tokens()).hasSize(1);
  }

  @Test
  void theDemoConfigHoldsNoFixedTokenButTheOneItIsGivenAtStart() throws Exception {
    Path demo = Path.of("examples", "demo", "sluice.yaml");
    Map<String, String> ports = Map.of("SANDBOX_PORT_LBL_CVM", "1", "SANDBOX_PORT_LBL_SCF", "2");

    assertThatThrownBy(() -> new ConfigLoader(ports::get).load(demo))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .asString()
                    .contains("controller.api.tokens[0].sha256")
                    .contains("SLUICE_DEMO_TOKEN_SHA256 is not set"));

    String hash = sha256("sluice_made-at-start");
    Map<String, String> started =
        Map.of(
            "SANDBOX_PORT_LBL_CVM",
            "1",
            "SANDBOX_PORT_LBL_SCF",
            "2",
            "SLUICE_DEMO_TOKEN_SHA256",
            hash);
    assertThat(new ConfigLoader(started::get).load(demo).controller().api().tokens())
        .singleElement()
        .satisfies(t -> assertThat(t.sha256()).isEqualTo(hash));
  }
}
