package io.sluice.controller.actuate.scf;

import java.util.Objects;

/**
 * How a pre-warm ended.
 *
 * @param detail for {@code READY} the readiness read, for {@code TIMED_OUT} the last status seen,
 *     for {@code FAILED} the cloud's error code and message
 */
public record PrewarmOutcome(Result result, String detail) {
  public enum Result {
    /** Status Done and every allocated instance available. */
    READY,
    /** The budget ran out before the version was ready. */
    TIMED_OUT,
    /** The cloud refused the setting, or reported it Failed. */
    FAILED
  }

  public PrewarmOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(detail, "detail");
  }

  public boolean ready() {
    return result == Result.READY;
  }

  @Override
  public String toString() {
    return result + " (" + detail + ")";
  }
}
