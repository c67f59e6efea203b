package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Config errors reach terminals and CI logs, outside the log's redaction: a value from the
 * environment shows as its reference, a value at a key that holds secrets not at all, and no value
 * can put a line break or an escape sequence into the output.
 */
final class ShownValuesTest {
  private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

  private static List<String> errors(String yaml, Map<String, String> env) {
    ConfigException[] thrown = new ConfigException[1];
    assertThatThrownBy(() -> new ConfigLoader(env::get).parse("test.yaml", yaml))
        .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
    return thrown[0].errors().stream().map(ConfigError::toString).toList();
  }

  private static String controller(String lines) {
    return TestConfigs.edited(
        SANDBOX_DEMO, "  stateDir: ./.sluice-state", "  stateDir: ./.sluice-state\n" + lines);
  }

  @Test
  void aValueFromTheEnvironmentShowsAsItsReference() {
    String yaml = TestConfigs.edited(SANDBOX_DEMO, "region: ap-guangzhou", "region: ${REGION}");

    assertThat(errors(yaml, Map.of("REGION", "x" + SECRET_KEY.toLowerCase())))
        .singleElement()
        .asString()
        .endsWith("controller.region: must be a region id such as ap-guangzhou, got '${REGION}'");
  }

  @Test
  void aTokenPastedInPlaceOfItsHashIsNotShown() {
    String yaml =
        controller("  api: { tokens: [{ id: ops, sha256: hunter2-my-own-token, role: viewer }] }");

    assertThat(errors(yaml, Map.of()))
        .singleElement()
        .asString()
        .contains("controller.api.tokens[0].sha256: must be 64 lowercase hex digits")
        .contains("got a value of 20 characters (not shown: it may be a secret)")
        .doesNotContain("hunter2");
  }

  @Test
  void aWebhookUrlWithAKeyIsNotShownWhereverItComesFrom() {
    String literal =
        TestConfigs.read(SANDBOX_DEMO)
            + "notifications:\n  webhooks:\n    - name: ops\n"
            + "      url: qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0\n";
    String fromEnv = literal.replaceFirst("url: qyapi.*\n", "url: \\${WECOM_URL}\n");

    assertThat(errors(literal, Map.of()))
        .singleElement()
        .asString()
        .contains("notifications.webhooks[0].url", "not shown")
        .doesNotContain("693a91f6");
    assertThat(
            errors(
                fromEnv,
                Map.of("WECOM_URL", "ftp://qyapi.weixin.qq.com/send?key=693a91f6-7xxx-4bc4-97a0")))
        .singleElement()
        .asString()
        .contains("notifications.webhooks[0].url", "${WECOM_URL}")
        .doesNotContain("693a91f6");
  }

  @Test
  void aSecretShapedValueIsMaskedAndControlCharactersAreEscaped() {
    String yaml =
        TestConfigs.edited(SANDBOX_DEMO, "region: ap-guangzhou", "region: " + SECRET_KEY)
            .replace(
                "  stateDir: ./.sluice-state",
                "  stateDir: ./.sluice-state\n  api: { tokens: [{ id: \"a\\nsluice.yaml:1:1 (root):"
                    + " forged\\u001b[31m\", sha256: "
                    + "ab".repeat(32)
                    + ", role: viewer }] }");

    List<String> errors = errors(yaml, Map.of());

    assertThat(String.join("\n", errors)).doesNotContain(SECRET_KEY, "\u001b");
    assertThat(errors)
        .hasSize(2)
        .allSatisfy(e -> assertThat(e).doesNotContain("\n"))
        .anySatisfy(e -> assertThat(e).contains("got '[redacted]'"))
        .anySatisfy(
            e -> assertThat(e).contains("got 'a\\nsluice.yaml:1:1 (root): forged\\u001b[31m'"));
  }

  @Test
  void aClientSubjectMustBeADistinguishedNameWithoutControlCharacters() {
    String yaml =
        controller(
            "  api:\n    tls:\n      certFile: c.pem\n      keyFile: k.pem\n"
                + "      clientCaFile: ca.pem\n      clients:\n"
                + "        - { subject: \"CN=ops\\nFORGED\", role: admin }\n"
                + "        - { subject: \"not a name\", role: admin }\n");

    assertThat(errors(yaml, Map.of()))
        .satisfiesExactly(
            e ->
                assertThat(e)
                    .contains("controller.api.tls.clients[0].subject: must not contain control"),
            e ->
                assertThat(e)
                    .contains(
                        "controller.api.tls.clients[1].subject: must be a distinguished name"));
  }
}
