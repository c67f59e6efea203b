package io.sluice.sandbox.scf;

import io.sluice.sandbox.api.ApiAction;
import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * An action whose answer is not ready when the handler returns: {@code Invoke} waits for the
 * function. A minimal extension of the {@link ApiAction} contract, kept in this package until the
 * API server adopts it: a server that knows it calls {@link #handleAsync} and answers when the
 * future completes (a failure with an {@link ApiException} becomes that error envelope). A server
 * that does not know it calls {@link #handle}, which answers only when the future has already
 * completed and otherwise reports {@code InternalError}.
 */
public interface AsyncApiAction extends ApiAction {
  /** Never throws: parameter errors come back as a failed future too. */
  Future<JsonObject> handleAsync(ApiRequest request);

  @Override
  default JsonObject handle(ApiRequest request) {
    Future<JsonObject> answer = handleAsync(request);
    if (!answer.isComplete()) {
      throw new ApiException(
          "InternalError",
          "This action completes asynchronously; the server must call handleAsync.");
    }
    if (answer.failed()) {
      if (answer.cause() instanceof ApiException e) {
        throw e;
      }
      throw new ApiException("InternalError", String.valueOf(answer.cause().getMessage()));
    }
    return answer.result();
  }
}
