package io.sluice.sandbox.dataplane.clb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the event a CLB hands to a function (reference 5.4): the request headers plus those the
 * CLB adds ({@code X-Forwarded-For}, {@code X-Real-IP}, {@code X-Client-Proto}, {@code X-Vip}…),
 * the body as {@code payload}, Base64-encoded unless its type is text. The field set beyond the
 * documented example is UNCONFIRMED and chosen by {@link ClbTriggerSettings.EventShape}.
 */
public final class ClbTriggerEvent {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PASS_THROUGH_TYPES =
      List.of("application/json", "application/javascript", "application/xml");

  private ClbTriggerEvent() {}

  /** The parts of an HTTP request the event is built from. */
  public record Request(
      String method,
      String uri,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      String clientIp,
      int clientPort) {}

  public static String build(
      Request request, VipListenerSpec vip, ClbTriggerSettings.EventShape shape, Instant now) {
    String contentType = header(request.headers(), "Content-Type");
    boolean base64 = request.body().length > 0 && !isText(contentType);
    String payload =
        base64
            ? Base64.getEncoder().encodeToString(request.body())
            : new String(request.body(), StandardCharsets.UTF_8);
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());

    ObjectNode event = JSON.createObjectNode();
    ObjectNode headers = event.putObject("headers");
    request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
    String forwardedFor = header(request.headers(), "X-Forwarded-For");
    headers.put(
        "X-Forwarded-For",
        forwardedFor == null ? request.clientIp() : forwardedFor + ", " + request.clientIp());
    headers.put("X-Real-IP", request.clientIp());
    headers.put("X-Real-Port", String.valueOf(request.clientPort()));
    headers.put("X-Client-Proto", "http");
    headers.put("X-Forwarded-Proto", "http");
    headers.put("X-Client-Proto-Ver", "HTTP/1.1");
    headers.put("X-Stgw-Time", String.format(Locale.ROOT, "%.3f", now.toEpochMilli() / 1000.0));
    headers.put("X-Vip", vip.vip());
    headers.put("X-Vport", String.valueOf(vip.vport()));
    headers.put("X-Uri", uri.path());
    headers.put("X-Method", request.method());
    event.put("payload", payload);
    event.put("isBase64Encoded", String.valueOf(base64));
    if (shape == ClbTriggerSettings.EventShape.EXTENDED) {
      event.put("httpMethod", request.method());
      event.put("path", uri.path());
      ObjectNode query = event.putObject("queryString");
      uri.parameters().forEach((name, values) -> query.put(name, values.getFirst()));
      event.put("body", payload);
    }
    return event.toString();
  }

  /** CLB passes these through untranscoded; everything else is Base64-encoded. */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || PASS_THROUGH_TYPES.contains(type);
  }

  private static String header(List<Map.Entry<String, String>> headers, String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
