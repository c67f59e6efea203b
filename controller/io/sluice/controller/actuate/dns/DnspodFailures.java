package io.sluice.controller.actuate.dns;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed DNSPod call into an {@link ActuationException}. A write the cloud answered with an
 * error code was refused (FAILED), except for the server-side codes after which it may or may not
 * have happened ({@code InternalError}, HTTP 5xx, {@code ServiceUnavailable}): those, no answer, a
 * spent call budget and an answer the SDK cannot parse are UNKNOWN. A write the guard never sent
 * (open circuit, client-side limit) is FAILED: nothing changed. A failed read is always UNKNOWN,
 * since the state it was to report is then unknown.
 */
final class DnspodFailures {
  /** Network error: the request may or may not have reached DNSPod. */
  static final String NO_ANSWER = "Sluice.NoAnswer";

  /** A body the SDK could not parse or that lacked what every answer carries. */
  static final String MALFORMED = "Sluice.MalformedAnswer";

  /** The guard's call budget ran out while the call, or its retries, were still going. */
  static final String BUDGET_SPENT = "Sluice.CallBudgetSpent";

  static final String CIRCUIT_OPEN = "Sluice.CircuitOpen";
  static final String CLIENT_LIMIT = "Sluice.ClientRateLimit";
  static final String UNEXPECTED = "Sluice.Unexpected";

  private DnspodFailures() {}

  static ActuationException ofRead(String what, Throwable failure) {
    if (failure instanceof ActuationException known) {
      return known;
    }
    return new ActuationException(
        Outcome.UNKNOWN, code(failure), what + ": " + describe(failure), List.of(), failure);
  }

  /**
   * @param requestIds the RequestIds of the writes that succeeded before this one
   */
  static ActuationException ofWrite(RecordWrite write, Throwable failure, List<String> requestIds) {
    return new ActuationException(
        outcome(failure),
        code(failure),
        write.action() + " " + write.target() + " " + write.value() + ": " + describe(failure),
        requestIds,
        failure);
  }

  static Outcome outcome(Throwable failure) {
    if (failure instanceof CallNotPermittedException || failure instanceof RequestNotPermitted) {
      return Outcome.FAILED;
    }
    if (failure instanceof TencentCloudSDKException sdk) {
      String code = cloudCode(sdk);
      return code.isEmpty()
              || code.startsWith("InternalError")
              || code.equals("ServerSideError")
              || code.startsWith("ServiceUnavailable")
          ? Outcome.UNKNOWN
          : Outcome.FAILED;
    }
    return Outcome.UNKNOWN;
  }

  /** The cloud's code, or a {@code Sluice.*} one saying what happened instead of an answer. */
  static String code(Throwable failure) {
    if (failure instanceof TencentCloudSDKException sdk && !cloudCode(sdk).isEmpty()) {
      return cloudCode(sdk);
    }
    if (failure instanceof TencentCloudSDKException sdk) {
      return sdk.getCause() instanceof IOException ? NO_ANSWER : MALFORMED;
    }
    if (failure instanceof TimeoutException) {
      return BUDGET_SPENT;
    }
    if (failure instanceof CallNotPermittedException) {
      return CIRCUIT_OPEN;
    }
    if (failure instanceof RequestNotPermitted) {
      return CLIENT_LIMIT;
    }
    return isMalformedAnswer(failure) ? MALFORMED : UNEXPECTED;
  }

  /** The failed call's RequestId when the cloud gave one, else empty. */
  static String requestId(Throwable failure) {
    if (failure instanceof TencentCloudSDKException sdk && sdk.getRequestId() != null) {
      return sdk.getRequestId();
    }
    return "";
  }

  /** Code, message and RequestId, such as {@code InternalError: oops (RequestId 3f...)}. */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(code(failure));
    String message = failure.getMessage();
    if (message != null && !message.isEmpty()) {
      text.append(": ").append(message);
    }
    if (failure.getCause() != null && failure instanceof TencentCloudSDKException) {
      text.append(" (").append(failure.getCause()).append(')');
    }
    if (!requestId(failure).isEmpty()) {
      text.append(" (RequestId ").append(requestId(failure)).append(')');
    }
    return text.toString();
  }

  /**
   * The SDK throws a raw NullPointerException for a body without {@code Response} and Gson's
   * JsonSyntaxException for a field of the wrong type (reference §2.4). Gson is recognised by its
   * package: it is the SDK's dependency, not one Sluice compiles against.
   */
  private static boolean isMalformedAnswer(Throwable failure) {
    return failure instanceof NullPointerException
        || failure instanceof DnspodCalls.MalformedAnswer
        || failure.getClass().getName().startsWith("com.google.gson.");
  }

  private static String cloudCode(TencentCloudSDKException sdk) {
    return sdk.getErrorCode() == null ? "" : sdk.getErrorCode();
  }
}
