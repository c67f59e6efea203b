package io.sluice.sandbox.dataplane.clb;

import java.util.Objects;

/**
 * The UNCONFIRMED parts of the CLB-trigger contract (reference 5.4), as settings rather than
 * guesses baked into code.
 *
 * @param eventShape which fields the event carries
 * @param malformedResponseStatus the status of the {@code Analyse scf response failed} reply
 *     (presumably 403)
 * @param functionErrorStatus the status when the function raised, crashed or does not exist
 * @param functionTimeoutStatus the status when the function ran past its timeout
 */
public record ClbTriggerSettings(
    EventShape eventShape,
    int malformedResponseStatus,
    int functionErrorStatus,
    int functionTimeoutStatus) {

  /** The documented example's fields only, or those plus the API-gateway-style fields. */
  public enum EventShape {
    /** {@code headers}, {@code payload}, {@code isBase64Encoded} (a string). */
    DOCUMENTED,
    /** DOCUMENTED plus {@code httpMethod}, {@code path}, {@code queryString}, {@code body}. */
    EXTENDED
  }

  public static final EventShape DEFAULT_EVENT_SHAPE = EventShape.DOCUMENTED;
  public static final int DEFAULT_MALFORMED_RESPONSE_STATUS = 403;
  public static final int DEFAULT_FUNCTION_ERROR_STATUS = 502;
  public static final int DEFAULT_FUNCTION_TIMEOUT_STATUS = 504;

  public static final ClbTriggerSettings DEFAULTS =
      new ClbTriggerSettings(
          DEFAULT_EVENT_SHAPE,
          DEFAULT_MALFORMED_RESPONSE_STATUS,
          DEFAULT_FUNCTION_ERROR_STATUS,
          DEFAULT_FUNCTION_TIMEOUT_STATUS);

  public ClbTriggerSettings {
    Objects.requireNonNull(eventShape, "eventShape");
  }

  public ClbTriggerSettings withEventShape(EventShape shape) {
    return new ClbTriggerSettings(
        shape, malformedResponseStatus, functionErrorStatus, functionTimeoutStatus);
  }
}
