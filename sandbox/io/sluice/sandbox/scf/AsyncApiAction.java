package io.sluice.sandbox.scf;

import io.sluice.sandbox.api.ApiAction;
import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * An action whose answer is not ready when the handler returns: {@code Invoke} waits for the
 * function. The server always calls {@link #handleAsync} and answers when the future completes (a
 * failure with an {@link ApiException} becomes that error envelope); {@link #handle} remains for
 * direct callers, and answers only when the future has already completed.
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
