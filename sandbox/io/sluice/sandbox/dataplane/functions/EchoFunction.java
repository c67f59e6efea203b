package io.sluice.sandbox.dataplane.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in echo: answers a CLB event with its own body, same content type, same base64 flag, so
 * a binary body can be shown to survive both base64 legs of the CLB-trigger contract.
 */
final class EchoFunction {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EchoFunction() {}

  static String answer(String eventJson) throws java.io.IOException {
    JsonNode event = JSON.readTree(eventJson);
    JsonNode body = event.has("payload") ? event.get("payload") : event.path("body");
    ObjectNode response = JSON.createObjectNode();
    response.put("isBase64Encoded", event.path("isBase64Encoded").asText().equals("true"));
    response.put("statusCode", 200);
    response.putObject("headers").put("Content-Type", contentType(event.path("headers")));
    response.put("body", body.isTextual() ? body.asText() : body.toString());
    return JSON.writeValueAsString(response);
  }

  private static String contentType(JsonNode headers) {
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      if (header.getKey().toLowerCase(Locale.ROOT).equals("content-type")) {
        return header.getValue().asText();
      }
    }
    return "application/octet-stream";
  }
}
