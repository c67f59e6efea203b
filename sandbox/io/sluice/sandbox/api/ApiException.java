package io.sluice.sandbox.api;

import java.util.Objects;

/**
 * A documented API error: becomes {@code {"Response":{"Error":{"Code","Message"},"RequestId"}}}
 * with HTTP 200, as Tencent Cloud answers.
 */
public final class ApiException extends RuntimeException {
  private final String code;

  public ApiException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public String code() {
    return code;
  }
}
