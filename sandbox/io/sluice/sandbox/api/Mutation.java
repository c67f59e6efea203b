package io.sluice.sandbox.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One accepted write, as the mutation log keeps it: tests assert on what the controller changed,
 * when and with which key.
 *
 * @param parameters the request body as received
 */
public record Mutation(
    Instant time,
    String secretId,
    String service,
    String action,
    JsonObject parameters,
    String requestId) {

  public Mutation {
    parameters = parameters.copy();
  }

  @Override
  public JsonObject parameters() {
    return parameters.copy();
  }
}
