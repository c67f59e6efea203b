package io.sluice.sandbox.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One accepted write, as the mutation log keeps it: tests assert on what the controller changed,
 * when and with which key.
 *
 * @param credential the name of the key that made the write (its SecretId when unnamed), so a
 *     checker can attribute every write to the replica that holds that key
 * @param parameters the request body as received: Sluice's writes are absolute (weights, statuses),
 *     so they are the value the resource was set to
 */
public record Mutation(
    Instant time,
    String secretId,
    String credential,
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
