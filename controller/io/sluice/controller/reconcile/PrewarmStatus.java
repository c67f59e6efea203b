package io.sluice.controller.reconcile;

import java.util.Objects;

/**
 * Where a route's SCF pre-warm stands, for the status API.
 *
 * @param detail what the last step said: the readiness read, the error, or why it went cold
 */
public record PrewarmStatus(State state, String function, String detail) {
  public enum State {
    /** No provisioned concurrency asked for, or released. */
    IDLE,
    /** Asked for and not yet ready: shifts that raise SCF's share wait. */
    WARMING,
    /** Done, every instance available. */
    READY,
    /** Timed out or refused: shifts to SCF go ahead cold. */
    COLD,
    /** The release is in flight. */
    RELEASING
  }

  public PrewarmStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(detail, "detail");
  }
}
