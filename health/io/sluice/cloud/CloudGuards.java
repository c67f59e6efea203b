package io.sluice.cloud;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One {@link ActionGuard} per cloud action, shared by every signal that calls it: the documented
 * limits are per action and per account, so two signals calling DescribeTargetHealth must share a
 * limiter and a breaker. Owns the virtual threads the blocking SDK calls run on.
 */
public final class CloudGuards implements AutoCloseable {
  private final ExecutorService executor;
  private final CredentialAlarm alarm;
  private final Map<CloudAction, ActionGuard> guards = new EnumMap<>(CloudAction.class);
  // false for a view from bounded(): the threads are its origin's to shut down
  private final boolean owner;

  /**
   * @param meters where call durations and outcomes, and the breakers' state (through
   *     Resilience4j's Micrometer binding), are recorded
   */
  public CloudGuards(Vertx vertx, GuardSettings settings, MeterRegistry meters) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(meters, "meters");
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.alarm = new CredentialAlarm();
    this.owner = true;
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    InternalErrors internalErrors = new InternalErrors(meters);
    for (CloudAction action : CloudAction.values()) {
      guards.put(
          action,
          new ActionGuard(
              action,
              settings,
              vertx,
              executor,
              alarm,
              breakers.circuitBreaker(
                  action.apiName(), ActionGuard.breakerConfig(settings, action)),
              meters,
              System::nanoTime,
              internalErrors));
    }
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
  }

  private CloudGuards(CloudGuards origin, DeadlineCap cap) {
    this.executor = origin.executor;
    this.alarm = origin.alarm;
    this.owner = false;
    origin.guards.forEach((action, guard) -> guards.put(action, guard.capped(cap)));
  }

  /**
   * These guards (the same limiters, breakers and threads) with every call's deadline also bounded
   * by {@code cap}: what the actuators of a replica that acts only within a lease call through. The
   * view's {@link #close} leaves the threads to these guards.
   */
  public CloudGuards bounded(DeadlineCap cap) {
    return new CloudGuards(this, Objects.requireNonNull(cap, "cap"));
  }

  /** Guards whose meters are kept in memory only. */
  public CloudGuards(Vertx vertx, GuardSettings settings) {
    this(vertx, settings, new SimpleMeterRegistry());
  }

  public ActionGuard guard(CloudAction action) {
    return guards.get(action);
  }

  /** The {@code AuthFailure} codes logged so far (each once). */
  public java.util.Set<String> credentialCodesReported() {
    return alarm.reported();
  }

  /** Stops accepting calls; calls in flight finish on their own threads. */
  @Override
  public void close() {
    if (owner) {
      executor.shutdown();
    }
  }
}
