package io.sluice.cloud;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What a failed cloud call says: which failures are worth a retry, which count against the cloud's
 * control plane, and the code for meters and logs. Used by the guards in front of every call, by
 * the health signals (which turn a failure into Inconclusive) and by the actuators.
 */
public final class CloudFailure {
  private static final Set<String> RETRYABLE_CODES =
      Set.of("ResourceInUse", "FailedOperation.ResourceInOperating");
  private static final List<String> SDK_PACKAGES =
      List.of("com.tencentcloudapi.", "com.google.gson.", "okhttp3.", "okio.");

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
   * ResourceUnavailable}, HTTP 5xx ({@code ServerSideError}), network errors, timeouts and
   * malformed answers (parse errors, a body without {@code Response}). Not our own client-side
   * limiter or breaker, not refused credentials, not a rejected request (a bad parameter is ours to
   * fix, and says the API is answering), and never an {@linkplain #isInternalError internal error}:
   * a bug of Sluice's must not silence a healthy API.
   */
  public static boolean isControlPlaneFault(Throwable failure) {
    if (failure instanceof RequestNotPermitted || failure instanceof CallNotPermittedException) {
      return false;
    }
    if (!(failure instanceof TencentCloudSDKException)) {
      return isCloudFault(failure);
    }
    String code = code(failure);
    return code.isEmpty()
        || code.equals("InternalError")
        || code.equals("ServerSideError")
        || code.startsWith("ServiceUnavailable")
        || code.startsWith("ResourceUnavailable")
        || code.startsWith("RequestLimitExceeded");
  }

  /**
   * Whether the failure is the cloud's, or the way to it: an SDK exception, a timeout, a refusal by
   * the client-side limiter or breaker, a transport error (an {@link IOException} anywhere in the
   * cause chain, as the SDK wraps them), an answer Sluice found it cannot use ({@link
   * MalformedAnswer}), or an answer so malformed that the SDK or its JSON parser threw on it (the
   * SDK lets a raw {@code NullPointerException} or Gson's {@code JsonSyntaxException} out for some
   * bodies: thrown from inside {@code com.tencentcloudapi} or {@code com.google.gson}). Anything
   * else is an {@linkplain #isInternalError internal error}.
   */
  public static boolean isCloudFault(Throwable failure) {
    if (failure instanceof TencentCloudSDKException
        || failure instanceof TimeoutException
        || failure instanceof RequestNotPermitted
        || failure instanceof CallNotPermittedException
        || failure instanceof MalformedAnswer) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return thrownByTheSdk(failure);
  }

  /**
   * Whether Sluice's own code threw (a bug in its parsing or judging, an unexpected state): logged
   * at ERROR, counted and alerted, never taken for the cloud's trouble, and never a reason to open
   * a circuit breaker.
   */
  public static boolean isInternalError(Throwable failure) {
    return !isCloudFault(failure);
  }

  /**
   * Whether the first frame outside the JDK is the SDK's (or its HTTP client's or JSON parser's). A
   * failure without a stack trace (the JVM drops them from exceptions it throws very often) is
   * taken as Sluice's own: a hidden bug costs more than a spurious alert.
   */
  private static boolean thrownByTheSdk(Throwable failure) {
    for (StackTraceElement frame : failure.getStackTrace()) {
      String type = frame.getClassName();
      if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
        continue;
      }
      return SDK_PACKAGES.stream().anyMatch(type::startsWith);
    }
    return false;
  }

  /** {@code AuthFailure} or {@code AuthFailure.*}: a configuration problem, not a cloud fault. */
  public static boolean isAuthFailure(Throwable failure) {
    String code = code(failure);
    return code.equals("AuthFailure") || code.startsWith("AuthFailure.");
  }

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

  /** The SDK's error code, or empty when there is none (network errors, parse errors). */
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
