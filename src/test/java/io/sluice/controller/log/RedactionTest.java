package io.sluice.controller.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.sluice.controller.api.Tokens;
import io.sluice.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class RedactionTest {
  private static final Logger LOG = LoggerFactory.getLogger(RedactionTest.class);
  private static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
  private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
  private static final String TOKEN = "sluice_q3VnZ-8xR1kLw0aT7mYbC4dE9fG2hJ5kN6pS8uV0xZ1";

  @AfterEach
  void forget() {
    Redaction.forgetAll();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Authorization: Bearer abc.DEF-123|Authorization: Bearer [redacted]",
        "token " + TOKEN + " given|token sluice_[redacted] given",
        "SecretId " + SECRET_ID + " used|SecretId AKID[redacted] used",
        "secretKey=" + SECRET_KEY + " rest|secretKey=[redacted] rest",
        "signed with " + SECRET_KEY + ", then sent|signed with [redacted], then sent",
        "{\"SecretKey\": \"abc\", \"x\": 1}|{\"SecretKey\": \"[redacted]\", \"x\": 1}",
        "password: hunter2|password: [redacted]",
        "POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
            + " failed|POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=[redacted] failed",
        "moving shop to cvm=100,scf=0: failback-step|moving shop to cvm=100,scf=0: failback-step",
        "tokens: 3 configured|tokens: 3 configured",
      })
  void masksEachSecretByItsShapeAndNothingElse(String line, String logged) {
    assertThat(Redaction.redact(line)).isEqualTo(logged);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "lb-cvm moved; reported as sluice_route_weight{service=\"shop\",state=\"actual\"}",
        "sluice_actuation_unrouted_seconds and sluice_route_verifications_total",
        "a long metric sluice_route_verifications_escalated_switched_not_moved_x",
        "policy version 3f1c0a9be4d2c8f17a6b5e4d3c2b1a09 and digest "
            + "01714b34678718ff835ed83b48125bf9f085313311309e5016ff5de501fa9ffe",
        "RequestId 8b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e, instance ins-shop0001, lb-2x8k1m0q",
      })
  void leavesMetricNamesDigestsAndIdsAlone(String line) {
    assertThat(Redaction.redact(line)).isEqualTo(line);
  }

  @Test
  void masksEveryTokenSluiceTokenMakes() {
    List<String> tokens = IntStream.range(0, 2000).mapToObj(i -> Tokens.generate()).toList();

    assertThat(tokens)
        .allSatisfy(
            t -> assertThat(Redaction.redact("t=" + t + ".")).isEqualTo("t=sluice_[redacted]."));
  }

  @Test
  void masksTheConfiguredSecretsByTheirExactText() {
    String shapeless = "correct-horse-battery-staple";
    assertThat(Redaction.redact("key " + shapeless)).contains(shapeless);

    Redaction.remember(shapeless, "short");

    assertThat(Redaction.redact("key " + shapeless + " used")).isEqualTo("key [redacted] used");
    assertThat(Redaction.redact("a short word")).isEqualTo("a short word");
  }

  static List<Supplier<Encoder<ILoggingEvent>>> encoders() {
    return List.of(RedactionTest::text, RedactionTest::json);
  }

  private static Encoder<ILoggingEvent> text() {
    PatternLayoutEncoder encoder = new RedactingPatternEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.setPattern("%-5level %logger{0} - %msg%n");
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> json() {
    RedactingJsonEncoder encoder = new RedactingJsonEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.start();
    return encoder;
  }

  /** What the encoder writes for each event {@code logging} emits. */
  private static String written(Encoder<ILoggingEvent> encoder, Runnable logging) {
    try (LogCapture capture = LogCapture.of(RedactionTest.class)) {
      logging.run();
      StringBuilder out = new StringBuilder();
      capture
          .events()
          .forEach(e -> out.append(new String(encoder.encode(e), StandardCharsets.UTF_8)));
      return out.toString();
    }
  }

  @ParameterizedTest
  @MethodSource("encoders")
  void eitherEncoderMasksSecretsInMessagesArgumentsAndExceptions(
      Supplier<Encoder<ILoggingEvent>> encoder) {
    Redaction.remember("shapeless-configured-secret");
    TencentCloudSDKException sdk =
        new TencentCloudSDKException(
            "The SecretId " + SECRET_ID + " is not found; signed with " + SECRET_KEY,
            "req-1",
            "AuthFailure.SecretIdNotFound");
    String written =
        written(
            encoder.get(),
            () -> {
              LOG.info("config {}", "{\"token\": \"hunter2-hunter2\", \"SecretKey\": \"k-e-y\"}");
              LOG.info("calling with Authorization: Bearer {}", TOKEN);
              LOG.info("webhook {} answered 200", "https://x.example/send?key=wecom-robot-key");
              LOG.info("credential {} and {}", SECRET_KEY, "shapeless-configured-secret");
              LOG.warn("cloud call failed", new IllegalStateException("wrapped", sdk));
              LOG.info("reported as sluice_route_weight");
            });

    assertThat(written)
        .doesNotContain("hunter2", "k-e-y", TOKEN.substring(7), "wecom-robot-key")
        .doesNotContain(SECRET_ID.substring(4), SECRET_KEY, "shapeless-configured-secret")
        .contains("is not found; signed with [redacted]")
        .contains("reported as sluice_route_weight");
  }

  @Test
  void jsonLinesCarryTheMaskedMessageOnce() {
    String written = written(json(), () -> LOG.info("token is {}", TOKEN));

    JsonObject line = new JsonObject(written.strip());
    assertThat(line.getString("formattedMessage")).isEqualTo("token is sluice_[redacted]");
    assertThat(line.containsKey("arguments")).isFalse();
    assertThat(line.containsKey("message")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("encoders")
  void aNewlineOrAnEscapeInAValueCannotForgeALine(Supplier<Encoder<ILoggingEvent>> encoder) {
    String reason = "done\n12:00:00.000 ERROR [main] forged - pwned\r\u001b[31mred\u009b";
    String written = written(encoder.get(), () -> LOG.info("override by ops: {}", reason));

    assertThat(written.strip()).doesNotContain("\n", "\r", "\u001b", "\u009b");
    String message =
        written.startsWith("{")
            ? new JsonObject(written).getString("formattedMessage")
            : written.strip();
    assertThat(message)
        .endsWith(
            "override by ops: done\\n12:00:00.000 ERROR [main] forged - pwned\\r\\u001b[31mred"
                + "\\u009b");
  }
}
