package io.sluice.cloud;

import java.util.concurrent.TimeoutException;

/**
 * A call its {@link DeadlineCap} ended: refused before it was sent (the cap was spent already), or
 * given up on when the cap ran out before its budget did (a request on the wire may still take
 * effect, as after any timeout). It says the caller may no longer act, not that the cloud failed: a
 * refusal never reaches the limiter, the retry or the breaker.
 */
public final class CapSpent extends TimeoutException {
  private final boolean sent;

  public CapSpent(String message, boolean sent) {
    super(message);
    this.sent = sent;
  }

  /** Whether the call may have reached the cloud (false: refused before it was sent). */
  public boolean sent() {
    return sent;
  }

  /** Whether {@code failure}, or a cause of it, is a spent cap. */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CapSpent) {
        return true;
      }
    }
    return false;
  }
}
