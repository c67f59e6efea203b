package io.sluice.sandbox.api;

import io.vertx.core.json.JsonObject;

/**
 * The two response bodies of API 3.0: {@code {"Response":{...,"RequestId"}}} and {@code
 * {"Response":{"Error":{"Code","Message"},"RequestId"}}}. Both go out with HTTP 200; the SDK tells
 * them apart only by the presence of {@code Response.Error}.
 */
public final class Envelopes {
  private Envelopes() {}

  public static JsonObject success(JsonObject fields, String requestId) {
    return new JsonObject().put("Response", fields.copy().put("RequestId", requestId));
  }

  public static JsonObject error(String code, String message, String requestId) {
    JsonObject error = new JsonObject().put("Code", code).put("Message", message);
    return new JsonObject()
        .put("Response", new JsonObject().put("Error", error).put("RequestId", requestId));
  }

  public static JsonObject error(ApiException e, String requestId) {
    return error(e.code(), e.getMessage(), requestId);
  }
}
