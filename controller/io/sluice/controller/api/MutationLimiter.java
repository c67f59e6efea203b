package io.sluice.controller.api;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perMinute} changes per caller per minute (Resilience4j, one limiter per token id
 * or certificate subject), so a runaway script cannot flap production traffic through the API.
 */
final class MutationLimiter {
  private final RateLimiterConfig config;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  MutationLimiter(int perMinute) {
    this.config =
        RateLimiterConfig.custom()
            .limitForPeriod(perMinute)
            .limitRefreshPeriod(Duration.ofMinutes(1))
            .timeoutDuration(Duration.ZERO)
            .build();
  }

  /** Takes a permit for {@code actor}; empty when granted, else the seconds to wait. */
  OptionalLong acquire(String actor) {
    RateLimiter limiter = limiters.computeIfAbsent(actor, a -> RateLimiter.of(a, config));
    if (limiter.acquirePermission()) {
      return OptionalLong.empty();
    }
    long nanos =
        limiter instanceof AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : config.getLimitRefreshPeriod().toNanos();
    return OptionalLong.of(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1));
  }
}
