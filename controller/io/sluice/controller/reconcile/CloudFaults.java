package io.sluice.controller.reconcile;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.sluice.cloud.CloudFailure;
import io.sluice.controller.actuate.ActuationException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Names what went wrong with the cloud in words an operator acts on (throttled, timed out, reset,
 * refused, an error answer), for the log and {@code /readyz}. An open circuit breaker is only the
 * symptom: it is named with the last fault seen before it, which this keeps per route.
 */
final class CloudFaults {
  private String lastFault;

  /** Remembers {@code failure} as the route's last cloud fault, unless it is an open circuit. */
  void note(Throwable failure) {
    if (find(failure, CallNotPermittedException.class) == null) {
      lastFault = kind(failure);
    }
  }

  /** The failure in plain words, with its message. */
  String describe(Throwable failure) {
    String kind =
        find(failure, CallNotPermittedException.class) != null
            ? "the cloud API's circuit breaker is open"
                + (lastFault == null ? "" : " after repeated faults (the last: " + lastFault + ")")
            : kind(failure);
    return kind + ": " + failure.getMessage();
  }

  /** What kind of fault {@code failure} is, from the first cause in its chain that says. */
  static String kind(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String code = CloudFailure.code(t);
      if (t instanceof RequestNotPermitted) {
        return "throttled by Sluice's own rate limit for the action";
      }
      if (code.startsWith("RequestLimitExceeded")) {
        return "throttled by the cloud (" + code + ")";
      }
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
        return "timed out: the cloud did not answer in time";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof SocketException && String.valueOf(t.getMessage()).contains("reset")) {
        return "connection reset by the cloud's end";
      }
      if (code.equals("InternalError") || code.equals("ServerSideError")) {
        return "the cloud answered with a server error (" + code + ")";
      }
      if (CloudFailure.isAuthFailure(t)) {
        return "credentials refused (" + code + ")";
      }
      if (t instanceof ActuationException a && a.code().equals("Sluice.TaskBudgetSpent")) {
        return "the CLB task did not finish within its budget";
      }
    }
    return failure instanceof ActuationException a ? a.outcome() + " " + a.code() : "failed";
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
