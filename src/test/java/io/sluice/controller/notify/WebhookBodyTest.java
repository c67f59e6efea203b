package io.sluice.controller.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.controller.config.NotificationsConfig.Event;
import io.sluice.controller.config.NotificationsConfig.Format;
import io.sluice.controller.config.NotificationsConfig.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat formats: WeCom's markdown message and Slack's text, links in each one's syntax. */
final class WebhookBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Notification OVERRIDE =
      Notification.override(
              "shop",
              "shop",
              "",
              "pin scf for 1h",
              "alice",
              "CVM maintenance",
              Instant.parse("2026-11-11T12:00:00Z"))
          .withLinks(Map.of("dashboard", "http://grafana.local/d/x?var-service=shop"));

  @Test
  void weComGetsAMarkdownMessageWithAColourAndALink() throws Exception {
    JsonNode body = JSON.readTree(WebhookBody.of(Format.WECOM, OVERRIDE));
    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.path("markdown").path("content").asText())
        .isEqualTo(
            "**Sluice** <font color=\"warning\">WARNING</font> shop override: pin scf for 1h\n"
                + "> by alice: CVM maintenance\n"
                + "[dashboard](http://grafana.local/d/x?var-service=shop)");
  }

  @Test
  void slackGetsTextWithItsLinkSyntax() throws Exception {
    JsonNode body = JSON.readTree(WebhookBody.of(Format.SLACK, OVERRIDE));
    assertThat(body.size()).isOne();
    assertThat(body.path("text").asText())
        .isEqualTo(
            "*Sluice* WARNING shop override: pin scf for 1h\n"
                + "> by alice: CVM maintenance\n"
                + "<http://grafana.local/d/x?var-service=shop|dashboard>");
  }

  @Test
  void weComMessagesStayWithinItsLimitCutAtACharacter() throws Exception {
    Notification longReason =
        new Notification(
            Event.ACTUATION,
            Severity.CRITICAL,
            "shop",
            "shop",
            "",
            "",
            "切换失败".repeat(2000),
            Instant.EPOCH,
            Map.of());
    String content =
        JSON.readTree(WebhookBody.of(Format.WECOM, longReason))
            .path("markdown")
            .path("content")
            .asText();
    assertThat(content.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(WebhookBody.WECOM_MAX_BYTES)
        .isGreaterThan(WebhookBody.WECOM_MAX_BYTES - 4);
    assertThat(content).endsWith("…").startsWith("**Sluice** <font color=\"warning\">CRITICAL");
  }
}
