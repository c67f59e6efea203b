package io.sluice.sandbox.dataplane.clb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function's answer in the CLB integration-response format (reference 5.4), parsed strictly:
 * anything that does not fit becomes the CLB's {@code Analyse scf response failed} reply, so a
 * function that works in the sandbox is not one the real CLB would reject.
 *
 * @param headers in order; a list value in the response gives one entry per value
 * @param body decoded when {@code isBase64Encoded} was true
 */
public record IntegrationResponse(
    int statusCode, List<Map.Entry<String, String>> headers, byte[] body) {

  /** The CLB's body for a response it could not parse. */
  public static final String ANALYSE_FAILED_BODY =
      "{\"errno\":403,\"error\":\"Analyse scf response failed.\"}";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @return empty when the text is not an integration response
   */
  public static Optional<IntegrationResponse> parse(String resultJson) {
    try {
      JsonNode root = JSON.readTree(resultJson);
      if (root == null || !root.isObject()) {
        return Optional.empty();
      }
      JsonNode status = root.get("statusCode");
      JsonNode base64 = root.path("isBase64Encoded");
      JsonNode body = root.path("body");
      if (status == null
          || !status.canConvertToInt()
          || !status.isIntegralNumber()
          || status.asInt() < 100
          || status.asInt() > 599
          || !(base64.isMissingNode() || base64.isBoolean())
          || !(body.isMissingNode() || body.isTextual())) {
        return Optional.empty();
      }
      Optional<List<Map.Entry<String, String>>> headers = headers(root.path("headers"));
      if (headers.isEmpty()) {
        return Optional.empty();
      }
      String text = body.asText("");
      byte[] bytes =
          base64.asBoolean(false)
              ? Base64.getDecoder().decode(text)
              : text.getBytes(StandardCharsets.UTF_8);
      return Optional.of(new IntegrationResponse(status.asInt(), headers.get(), bytes));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<List<Map.Entry<String, String>>> headers(JsonNode node) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return Optional.of(headers);
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isTextual()) {
        headers.add(Map.entry(field.getKey(), value.asText()));
      } else if (value.isArray()) {
        for (JsonNode item : value) {
          if (!item.isTextual()) {
            return Optional.empty();
          }
          headers.add(Map.entry(field.getKey(), item.asText()));
        }
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(headers);
  }
}
