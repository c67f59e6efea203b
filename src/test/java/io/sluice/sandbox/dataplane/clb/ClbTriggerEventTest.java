package io.sluice.sandbox.dataplane.clb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ClbTriggerEventTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final VipListenerSpec VIP =
      new VipListenerSpec(new ListenerKey("lb-1", "lbl-1"), "10.0.0.10", 80);
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.774Z");

  private static JsonNode event(
      String contentType, byte[] body, ClbTriggerSettings.EventShape shape) throws Exception {
    ClbTriggerEvent.Request request =
        new ClbTriggerEvent.Request(
            "POST",
            "/scf?name=sluice",
            List.of(Map.entry("Host", "www.example.com"), Map.entry("Content-Type", contentType)),
            body,
            "192.0.2.7",
            44347);
    return JSON.readTree(ClbTriggerEvent.build(request, VIP, shape, NOW));
  }

  @Test
  void documentedShapeCarriesHeadersPayloadAndAStringBase64Flag() throws Exception {
    JsonNode event =
        event(
            "application/json",
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
            ClbTriggerSettings.EventShape.DOCUMENTED);

    assertThat(event.fieldNames())
        .toIterable()
        .containsExactly("headers", "payload", "isBase64Encoded");
    assertThat(event.get("payload").asText()).isEqualTo("{\"a\":1}");
    assertThat(event.get("isBase64Encoded").isTextual()).isTrue();
    assertThat(event.get("isBase64Encoded").asText()).isEqualTo("false");
    JsonNode headers = event.get("headers");
    assertThat(headers.get("Host").asText()).isEqualTo("www.example.com");
    assertThat(headers.get("X-Forwarded-For").asText()).isEqualTo("192.0.2.7");
    assertThat(headers.get("X-Real-IP").asText()).isEqualTo("192.0.2.7");
    assertThat(headers.get("X-Client-Proto").asText()).isEqualTo("http");
    assertThat(headers.get("X-Vip").asText()).isEqualTo("10.0.0.10");
    assertThat(headers.get("X-Uri").asText()).isEqualTo("/scf");
    assertThat(headers.get("X-Stgw-Time").asText()).isEqualTo("1795428000.774");
  }

  @Test
  void extendedShapeAddsMethodPathQueryAndBody() throws Exception {
    JsonNode event =
        event(
            "text/plain",
            "hi".getBytes(StandardCharsets.UTF_8),
            ClbTriggerSettings.EventShape.EXTENDED);

    assertThat(event.get("httpMethod").asText()).isEqualTo("POST");
    assertThat(event.get("path").asText()).isEqualTo("/scf");
    assertThat(event.get("queryString").get("name").asText()).isEqualTo("sluice");
    assertThat(event.get("body").asText()).isEqualTo("hi");
  }

  @Test
  void base64EncodesBodiesThatAreNotText() throws Exception {
    JsonNode event =
        event(
            "image/png",
            new byte[] {(byte) 0x89, 'P', 'N', 'G'},
            ClbTriggerSettings.EventShape.DOCUMENTED);

    assertThat(event.get("payload").asText()).isEqualTo("iVBORw==");
    assertThat(event.get("isBase64Encoded").asText()).isEqualTo("true");
  }

  @Test
  void passesTextTypesThrough() {
    assertThat(ClbTriggerEvent.isText("text/html; charset=utf-8")).isTrue();
    assertThat(ClbTriggerEvent.isText("application/json")).isTrue();
    assertThat(ClbTriggerEvent.isText("application/javascript")).isTrue();
    assertThat(ClbTriggerEvent.isText("application/xml")).isTrue();
    assertThat(ClbTriggerEvent.isText("application/octet-stream")).isFalse();
    assertThat(ClbTriggerEvent.isText(null)).isFalse();
  }
}
