package io.sluice.health.signal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.CloudCall;
import io.sluice.cloud.CloudFailure;
import io.sluice.cloud.InternalErrors;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * Turns a guarded cloud read into a check's outcome. A failing signal is never Down: throttling,
 * refused credentials, an open circuit, a 5xx, a timeout, a body the SDK cannot parse all say
 * something about the control plane, nothing about the backend. An exception of Sluice's own (in
 * the call's code or in the judge) says nothing about either: it reads Inconclusive {@code
 * INTERNAL_ERROR}, and is reported as an internal error, never taken for a cloud fault.
 */
public final class SignalOutcomes {
  private SignalOutcomes() {}

  /**
   * Runs the call behind its guard and judges the answer with the call's latency (limiter wait and
   * retries included, on the guard's clock); a failed call becomes Inconclusive (never Down), and
   * so does a judge that throws, reported as the internal error it is.
   */
  public static <T> Future<ProbeOutcome> check(
      ActionGuard guard, CloudCall<T> call, BiFunction<T, Duration, ProbeOutcome> judge) {
    long started = guard.nanoTime();
    return guard
        .call(call)
        .transform(
            answer -> {
              if (answer.failed()) {
                return Future.succeededFuture(classify(answer.cause()));
              }
              try {
                return Future.succeededFuture(
                    judge.apply(answer.result(), Duration.ofNanos(guard.nanoTime() - started)));
              } catch (RuntimeException bug) {
                guard.internalError(InternalErrors.SIGNAL_JUDGE, bug);
                return Future.succeededFuture(internal(bug));
              }
            });
  }

  /** The outcome of a read that failed with this exception; always Inconclusive. */
  public static ProbeOutcome.Inconclusive classify(Throwable failure) {
    if (failure instanceof CallNotPermittedException open) {
      return inconclusive(InconclusiveCause.CIRCUIT_OPEN, open.getMessage());
    }
    if (failure instanceof RequestNotPermitted limited) {
      return inconclusive(
          InconclusiveCause.CLOUD_API_THROTTLED, "client-side limit: " + limited.getMessage());
    }
    String code = CloudFailure.code(failure);
    if (code.startsWith("RequestLimitExceeded")) {
      return inconclusive(InconclusiveCause.CLOUD_API_THROTTLED, CloudFailure.describe(failure));
    }
    if (CloudFailure.isAuthFailure(failure)) {
      return inconclusive(InconclusiveCause.CREDENTIALS, CloudFailure.describe(failure));
    }
    if (CloudFailure.isInternalError(failure)) {
      return internal(failure);
    }
    return inconclusive(InconclusiveCause.CLOUD_API_ERROR, CloudFailure.describe(failure));
  }

  private static ProbeOutcome.Inconclusive internal(Throwable bug) {
    return inconclusive(
        InconclusiveCause.INTERNAL_ERROR, "Sluice's own error: " + CloudFailure.describe(bug));
  }

  private static ProbeOutcome.Inconclusive inconclusive(InconclusiveCause cause, String detail) {
    return new ProbeOutcome.Inconclusive(cause, detail == null ? "" : detail);
  }
}
