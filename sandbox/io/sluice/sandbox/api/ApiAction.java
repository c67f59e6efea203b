package io.sluice.sandbox.api;

import io.vertx.core.json.JsonObject;

/**
 * One emulated API action. It reads the request's parameters and returns the fields of the response
 * (without {@code RequestId}, which the server adds), or throws {@link ApiException} with a
 * documented error code. It runs on the API server's event loop: it must not block.
 */
@FunctionalInterface
public interface ApiAction {
  JsonObject handle(ApiRequest request);
}
