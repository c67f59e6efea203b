package io.sluice.controller.actuate;

import java.util.List;
import java.util.Objects;

/**
 * An actuation that did not complete. {@link Outcome#FAILED}: the cloud said the change was not
 * applied (task Status 1, a rejected write). {@link Outcome#UNKNOWN}: no answer, a timeout, an
 * exhausted polling budget, or an unreadable state; the caller must read back before acting again.
 */
public final class ActuationException extends RuntimeException {
  public enum Outcome {
    FAILED,
    UNKNOWN
  }

  /**
   * Code of a route piece that routes to nothing (a rule with no weighted target, a name whose
   * records are both off): a state the cloud is in, but not a split; repairing it comes first.
   */
  public static final String ROUTES_NOTHING = "Sluice.RoutesNothing";

  /** Code of a write not made because its intent could not be journaled (FAILED: nothing sent). */
  public static final String JOURNAL_FAILED = "Sluice.JournalFailed";

  private final Outcome outcome;
  private final String code;
  private final List<String> requestIds;

  /**
   * @param code the cloud's error code, or a Sluice one such as {@code Sluice.TaskBudgetSpent}
   * @param requestIds the RequestIds of the writes made before the failure
   */
  public ActuationException(
      Outcome outcome, String code, String message, List<String> requestIds, Throwable cause) {
    super(message, cause);
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.code = Objects.requireNonNull(code, "code");
    this.requestIds = List.copyOf(requestIds);
  }

  public Outcome outcome() {
    return outcome;
  }

  public String code() {
    return code;
  }

  public List<String> requestIds() {
    return requestIds;
  }

  /**
   * A write that was not made because its intent could not be journaled: FAILED, since nothing
   * reached the cloud.
   *
   * @param requestIds the RequestIds of the writes made before it
   */
  public static ActuationException notJournaled(Throwable failure, List<String> requestIds) {
    return new ActuationException(
        Outcome.FAILED,
        JOURNAL_FAILED,
        "not written: its intent could not be journaled: " + failure.getMessage(),
        requestIds,
        failure);
  }

  /** Whether {@code failure} says a piece of the route routes to nothing. */
  public static boolean routesNothing(Throwable failure) {
    return failure instanceof ActuationException a && a.code.equals(ROUTES_NOTHING);
  }
}
