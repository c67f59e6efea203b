package io.sluice.cloud;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.io.IOException;
import java.util.Set;

/**
 * What a failed cloud call says: which failures are worth a retry, which count against the cloud's
 * control plane, and the code for meters and logs. Used by the guards in front of every call, by
 * the health signals (which turn a failure into Inconclusive) and by the actuators.
 */
public final class CloudFailure {
  private static final Set<String> RETRYABLE_CODES =
      Set.of("ResourceInUse", "FailedOperation.ResourceInOperating");

  private CloudFailure() {}

  /**
   * Whether another attempt may succeed: throttling, a resource busy with another task, and network
   * errors. Never {@code InternalError} (it may be a lasting fault) and never {@code
   * AuthFailure.*}. For reads only: a read resent after an unknown outcome is harmless, a write is
   * resent only on {@link #isRefusal}.
   */
  public static boolean isRetryable(Throwable failure) {
    if (isRefusal(failure)) {
      return true;
    }
    return failure instanceof TencentCloudSDKException
        && code(failure).isEmpty()
        && isNetwork(failure);
  }

  /**
   * Whether the cloud refused the call outright, so it did nothing and another attempt later may
   * succeed: throttling, or a resource busy with another task. Safe to resend even for a write.
   */
  public static boolean isRefusal(Throwable failure) {
    String code = code(failure);
    return code.startsWith("RequestLimitExceeded")
        || code.startsWith("ResourceUnavailable")
        || RETRYABLE_CODES.contains(code);
  }

  /**
   * Whether the failure says the cloud's control plane is unwell, which is what the circuit breaker
   * counts: throttling, {@code InternalError}, {@code ServiceUnavailable}, {@code
   * ResourceUnavailable}, HTTP 5xx ({@code ServerSideError}), network errors and malformed answers
   * (parse errors, a body without {@code Response}). Not our own client-side limiter, not refused
   * credentials and not a rejected request (a bad parameter is ours to fix, and says the API is
   * answering).
   */
  public static boolean isControlPlaneFault(Throwable failure) {
    if (failure instanceof RequestNotPermitted) {
      return false;
    }
    if (!(failure instanceof TencentCloudSDKException)) {
      return true;
    }
    String code = code(failure);
    return code.isEmpty()
        || code.equals("InternalError")
        || code.equals("ServerSideError")
        || code.startsWith("ServiceUnavailable")
        || code.startsWith("ResourceUnavailable")
        || code.startsWith("RequestLimitExceeded");
  }

  /** {@code AuthFailure} or {@code AuthFailure.*}: a configuration problem, not a cloud fault. */
  public static boolean isAuthFailure(Throwable failure) {
    String code = code(failure);
    return code.equals("AuthFailure") || code.startsWith("AuthFailure.");
  }

  /** The SDK's error code, or empty when there is none (network errors, parse errors). */
  /**
   * The failure's code for a meter tag: the cloud's error code when it looks like one, else the
   * exception's simple class name. A code that does not look like one (an emulator or a proxy could
   * send anything) reads {@code other}, so the number of series stays bounded.
   */
  public static String meterCode(Throwable failure) {
    String code = code(failure);
    if (code.isEmpty()) {
      return failure.getClass().getSimpleName();
    }
    return code.length() <= 64 && code.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*")
        ? code
        : "other";
  }

  public static String code(Throwable failure) {
    if (failure instanceof TencentCloudSDKException sdk && sdk.getErrorCode() != null) {
      return sdk.getErrorCode();
    }
    return "";
  }

  /**
   * The SDK wraps a network failure (refused, reset, timed out, unresolved) directly; a parse error
   * is wrapped too, but its cause is Gson's, whose own cause may be an IOException, so only the
   * direct cause counts.
   */
  private static boolean isNetwork(Throwable failure) {
    return failure.getCause() instanceof IOException;
  }

  /** Code, message and RequestId for the SDK's exceptions; class and message for anything else. */
  public static String describe(Throwable failure) {
    if (failure instanceof TencentCloudSDKException sdk) {
      StringBuilder text = new StringBuilder();
      text.append(code(failure).isEmpty() ? "no code" : code(failure));
      String message = sdk.getMessage();
      if (message != null && !message.isEmpty()) {
        text.append(": ").append(message);
      }
      if (sdk.getCause() != null) {
        text.append(" (").append(plain(sdk.getCause())).append(')');
      }
      String requestId = sdk.getRequestId();
      if (requestId != null && !requestId.isEmpty()) {
        text.append(" RequestId ").append(requestId);
      }
      return text.toString();
    }
    return plain(failure);
  }

  private static String plain(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName()
        + (message == null || message.isEmpty() ? "" : ": " + message);
  }
}
