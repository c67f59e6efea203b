package io.sluice.sandbox.dataplane.clb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class IntegrationResponseTest {

  @Test
  void readsTheDocumentedHelloClbAnswer() {
    IntegrationResponse response =
        IntegrationResponse.parse(
                """
                {"isBase64Encoded": false, "statusCode": 200,
                 "headers": {"Content-Type": "text/html"},
                 "body": "<html><body><h1>Hello CLB</h1></body></html>"}
                """)
            .orElseThrow();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers()).containsExactly(Map.entry("Content-Type", "text/html"));
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("<html><body><h1>Hello CLB</h1></body></html>");
  }

  @Test
  void decodesBase64BodiesAndSplitsMultiValueHeaders() {
    IntegrationResponse response =
        IntegrationResponse.parse(
                """
                {"isBase64Encoded": true, "statusCode": 201,
                 "headers": {"Key": ["value1", "value2"]}, "body": "AAEC/w=="}
                """)
            .orElseThrow();

    assertThat(response.body()).containsExactly(0, 1, 2, 255);
    assertThat(response.headers())
        .containsExactly(Map.entry("Key", "value1"), Map.entry("Key", "value2"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "\"a string\"",
        "[1, 2]",
        "{\"body\": \"no status\"}",
        "{\"statusCode\": \"200\"}",
        "{\"statusCode\": 200, \"isBase64Encoded\": \"false\"}",
        "{\"statusCode\": 200, \"body\": {\"an\": \"object\"}}",
        "{\"statusCode\": 200, \"headers\": {\"X\": 1}}",
        "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"%%%\"}",
        "{\"statusCode\": 200, \"body\": "
      })
  void rejectsWhatIsNotAnIntegrationResponse(String text) {
    assertThat(IntegrationResponse.parse(text)).isEmpty();
  }
}
