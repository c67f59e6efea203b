package io.sluice.cloud;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.meters.MeterNames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The rate limiter, retry and circuit breaker in front of one cloud action. Each attempt takes a
 * permit and counts in the breaker; the retry wraps both, so an open circuit ends the call at once
 * and is never retried. The blocking SDK call, the limiter's wait and the retry's backoff all run
 * on a virtual thread, never on the event loop; the result is delivered on the caller's context.
 *
 * <p>Only the cloud's faults count against the breaker ({@link CloudFailure#isControlPlaneFault}).
 * An exception thrown by Sluice's own code in the call (building the request, reading the answer)
 * is an {@linkplain CloudFailure#isInternalError internal error}: reported to {@link
 * InternalErrors} (logged with its stack, counted, alerted), never retried, and it leaves the
 * breaker alone. Latency is measured on the monotonic clock the guard is given.
 */
public final class ActionGuard {
  private final CloudAction action;
  private final Vertx vertx;
  private final ExecutorService executor;
  private final CredentialAlarm alarm;
  private final RateLimiter limiter;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final Duration callBudget;
  private final MeterRegistry meters;
  private final LongSupplier nanos;
  private final InternalErrors internalErrors;
  private final DeadlineCap cap;

  /**
   * @param nanos the monotonic clock call latencies are measured on
   * @param internalErrors where an exception of Sluice's own in a call is reported
   */
  ActionGuard(
      CloudAction action,
      GuardSettings settings,
      Vertx vertx,
      ExecutorService executor,
      CredentialAlarm alarm,
      CircuitBreaker breaker,
      MeterRegistry meters,
      LongSupplier nanos,
      InternalErrors internalErrors) {
    this.nanos = nanos;
    this.internalErrors = internalErrors;
    this.action = action;
    this.vertx = vertx;
    this.executor = executor;
    this.alarm = alarm;
    this.limiter =
        RateLimiter.of(
            action.apiName(),
            RateLimiterConfig.custom()
                .limitForPeriod(settings.permitsPerSecond(action))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(settings.limiterWait())
                .build());
    this.retry =
        Retry.of(
            action.apiName(),
            RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        settings.firstBackoff(), 2.0, 0.5, settings.maxBackoff()))
                .retryOnException(
                    action.writes() ? CloudFailure::isRefusal : CloudFailure::isRetryable)
                .build());
    this.breaker = breaker;
    this.callBudget = settings.callBudget();
    this.meters = meters;
    this.cap = DeadlineCap.UNBOUNDED;
  }

  /**
   * The same guard (limiter, retry, breaker, budget) with every call also bounded by {@code cap}.
   */
  private ActionGuard(ActionGuard shared, DeadlineCap cap) {
    this.action = shared.action;
    this.vertx = shared.vertx;
    this.executor = shared.executor;
    this.alarm = shared.alarm;
    this.limiter = shared.limiter;
    this.retry = shared.retry;
    this.breaker = shared.breaker;
    this.callBudget = shared.callBudget;
    this.meters = shared.meters;
    this.nanos = shared.nanos;
    this.internalErrors = shared.internalErrors;
    this.cap = cap;
  }

  /**
   * This guard, sharing its limiter, retry and breaker (the limits are per action and account),
   * with each call's deadline also bounded by {@code cap}: the deadline is the smaller of the call
   * budget and what the cap leaves, and a call is refused unsent once the cap is spent ({@link
   * CapSpent}, which counts in neither the breaker nor the latency timer).
   */
  public ActionGuard capped(DeadlineCap cap) {
    return new ActionGuard(this, java.util.Objects.requireNonNull(cap, "cap"));
  }

  /** The breaker for one action, sized for control-plane call rates. */
  static CircuitBreakerConfig breakerConfig(GuardSettings settings, CloudAction action) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
        .slidingWindowSize(Math.toIntExact(settings.breakerWindow().toSeconds()))
        .minimumNumberOfCalls(settings.breakerMinimumCalls())
        .failureRateThreshold(settings.breakerFailureRate())
        .waitDurationInOpenState(settings.breakerOpenFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        // Only faults of the cloud's control plane open the circuit: our own limiter,
        // refused credentials or a bad request say nothing about the API's availability,
        // and one misconfigured rule must not silence every other rule's signal.
        .recordException(
            failure ->
                CloudFailure.isControlPlaneFault(failure)
                    && !(action.writes() && CloudFailure.isRefusal(failure)))
        // a call its caller's lease ended says nothing of the cloud either way
        .ignoreExceptions(CapSpent.class)
        .build();
  }

  public CloudAction action() {
    return action;
  }

  public CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  /** The monotonic clock this guard measures latency on, in nanoseconds. */
  public long nanoTime() {
    return nanos.getAsLong();
  }

  /** Reports an exception Sluice's own code threw on this action's answer (a signal's judge). */
  public void internalError(String where, Throwable failure) {
    internalErrors.report(where, action.apiName(), failure);
  }

  /**
   * Runs the call behind the guard; fails with the last attempt's exception, or with a {@link
   * TimeoutException} once the call budget is spent (waits and retries included), so a signal is
   * never later than its budget.
   *
   * <p>A spent budget also ends the work behind it, so a write cannot land after its caller gave up
   * and moved on: no attempt starts once it is spent (one still waiting for a permit or a retry's
   * pause is dropped unsent), and the virtual thread is interrupted, which ends a blocking socket
   * read. A request already on the wire may still take effect: the caller reads it as an unknown
   * outcome and reads the cloud back before anything else.
   */
  public <T> Future<T> call(CloudCall<T> call) {
    long capNanos = cap.remainingNanos();
    if (capNanos <= 0) {
      return Future.failedFuture(
          new CapSpent(action.apiName() + ": not sent, its caller may no longer act", false));
    }
    boolean capFirst = capNanos < callBudget.toNanos();
    Duration limit = capFirst ? Duration.ofNanos(capNanos) : callBudget;
    long started = nanos.getAsLong();
    AtomicBoolean spent = new AtomicBoolean();
    AtomicReference<Thread> worker = new AtomicReference<>();
    Callable<T> attempt =
        RateLimiter.decorateCallable(
            limiter,
            () -> {
              if (spent.get()) {
                throw new CancellationException(
                    action.apiName() + ": its budget of " + callBudget + " is spent; not sent");
              }
              try {
                return call.call();
              } catch (Exception failure) {
                if (capFirst && spent.get()) {
                  // ended by the caller's lease, not by the cloud: the interrupt's transport
                  // error must not count as the cloud's fault in the breaker
                  throw new CapSpent(action.apiName() + " outlived its caller's deadline", true);
                }
                throw failure;
              }
            });
    Callable<T> guarded =
        Retry.decorateCallable(retry, CircuitBreaker.decorateCallable(breaker, attempt));
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    long deadline =
        vertx.setTimer(
            // Vert.x timers take whole milliseconds, at least one: round down, never past the cap
            Math.max(1, limit.toMillis()),
            id -> {
              spent.set(true);
              Thread running = worker.get();
              if (running != null) {
                running.interrupt();
              }
              promise.tryFail(
                  capFirst
                      ? new CapSpent(
                          action.apiName() + " outlived its caller's deadline of " + limit, true)
                      : new TimeoutException(
                          action.apiName() + " took longer than its budget of " + callBudget));
            });
    try {
      executor.execute(
          () -> {
            worker.set(Thread.currentThread());
            if (spent.get()) {
              return; // the budget ran out before the thread even started
            }
            try {
              T result = guarded.call();
              context.runOnContext(v -> promise.tryComplete(result));
            } catch (Throwable failure) {
              // after the budget is spent, the interrupt's own exceptions are no one's bug
              if (!spent.get() && CloudFailure.isInternalError(failure)) {
                internalErrors.report(InternalErrors.CLOUD_CALL, action.apiName(), failure);
              }
              context.runOnContext(v -> promise.tryFail(failure));
            }
          });
    } catch (RejectedExecutionException closed) {
      promise.tryFail(closed);
    }
    return promise
        .future()
        .onComplete(
            done -> {
              vertx.cancelTimer(deadline);
              if (done.failed()) {
                alarm.report(action, done.cause());
              }
              Timer.builder(MeterNames.CLOUD_CALL)
                  .description("guarded cloud API calls, waits and retries included")
                  .serviceLevelObjectives(MeterNames.CLOUD_LATENCY_BUCKETS)
                  .tag(MeterNames.TAG_ACTION, action.apiName())
                  .tag(MeterNames.TAG_OUTCOME, done.succeeded() ? "success" : "failure")
                  .tag(
                      MeterNames.TAG_CODE,
                      done.succeeded() ? "" : CloudFailure.meterCode(done.cause()))
                  .register(meters)
                  .record(nanos.getAsLong() - started, TimeUnit.NANOSECONDS);
            });
  }
}
