package io.sluice.sandbox.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One way the control plane can misbehave, as the controller must survive it. Each maps to a
 * failure the SDK surfaces differently (reference §2.4), which is why they are distinct.
 */
public sealed interface Fault {

  /** A documented error envelope (HTTP 200), e.g. {@code InternalError}. */
  record ApiError(String code, String message) implements Fault {
    public ApiError {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The call is answered normally, but only after this delay. */
  record Latency(Duration delay) implements Fault {
    public Latency {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay: must not be negative, got " + delay);
      }
    }
  }

  /** The call is never answered; the client's read timeout must fire. */
  record Hang() implements Fault {}

  /** A non-200 status, which the SDK reports as {@code ServerSideError}. */
  record HttpStatus(int status) implements Fault {
    public HttpStatus {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status: must be 400-599, got " + status);
      }
    }
  }

  /** The connection is closed with a TCP reset instead of an answer. */
  record ConnectionReset() implements Fault {}

  /** HTTP 200 with a body that is not JSON. */
  record MalformedJson() implements Fault {}

  /** HTTP 200 with JSON lacking the {@code Response} key: the SDK throws a raw NPE. */
  record MissingResponse() implements Fault {}
}
