package io.sluice.controller.actuate.clb;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.sluice.cloud.CloudFailure;
import io.sluice.controller.actuate.ActuationException.Outcome;
import java.util.concurrent.TimeoutException;

/**
 * What a failed CLB write means for the rule.
 *
 * <ul>
 *   <li>{@link #BUSY}: the write was refused for now (the load balancer runs another task, the
 *       account is throttled by CLB or by our own limiter, or the action's circuit is open and the
 *       write was never sent); it changed nothing and is worth another try after a pause. Never
 *       evidence about a backend (reliability fault 1). Waiting out an open circuit matters most in
 *       the middle of a switch, when the rule may have no target until the next write.
 *   <li>{@link #REJECTED}: the cloud refused the write for good (a bad parameter, a rule that
 *       cannot mix kinds, refused credentials): FAILED.
 *   <li>{@link #UNANSWERED}: no usable answer (network error, time-out, HTTP 5xx, {@code
 *       InternalError}, a body the SDK cannot parse): the write may or may not have been applied,
 *       so the caller must read back (reliability fault 5): UNKNOWN.
 * </ul>
 */
enum WriteFailure {
  BUSY(Outcome.FAILED),
  REJECTED(Outcome.FAILED),
  UNANSWERED(Outcome.UNKNOWN);

  private final Outcome outcome;

  WriteFailure(Outcome outcome) {
    this.outcome = outcome;
  }

  Outcome outcome() {
    return outcome;
  }

  static WriteFailure of(Throwable failure) {
    if (failure instanceof RequestNotPermitted || failure instanceof CallNotPermittedException) {
      return BUSY;
    }
    if (failure instanceof TimeoutException || !(failure instanceof TencentCloudSDKException)) {
      return UNANSWERED;
    }
    String code = ((TencentCloudSDKException) failure).getErrorCode();
    code = code == null ? "" : code;
    if (code.equals("FailedOperation.ResourceInOperating")
        || code.equals("ResourceInUse")
        || code.startsWith("RequestLimitExceeded")) {
      return BUSY;
    }
    if (code.isEmpty()
        || code.equals("InternalError")
        || code.equals("ServerSideError")
        || code.startsWith("ServiceUnavailable")) {
      return UNANSWERED;
    }
    return REJECTED;
  }

  /**
   * The cloud's error code, or for a failure without one a name such as {@code AnswerLost} or
   * {@code TimeoutException}.
   */
  static String code(Throwable failure) {
    return failure instanceof CallNotPermittedException
        ? "Sluice.CircuitOpen"
        : CloudFailure.meterCode(failure);
  }
}
