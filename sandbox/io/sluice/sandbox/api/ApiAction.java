package io.sluice.sandbox.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One emulated API action. It reads the request's parameters and returns the fields of the response
 * (without {@code RequestId}, which the server adds), or throws {@link ApiException} with a
 * documented error code. It runs on the API server's event loop: it must not block.
 */
@FunctionalInterface
public interface ApiAction {
  JsonObject handle(ApiRequest request);

  /**
   * The answer, possibly later: the server always calls this. Actions that wait for something (such
   * as a function's execution) override it; a failed future carrying an {@link ApiException}
   * becomes that error.
   */
  default Future<JsonObject> handleAsync(ApiRequest request) {
    return Future.succeededFuture(handle(request));
  }
}
