package io.sluice.health.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What Cloud Monitor saw on one rule in one reporting period: the load and error signals that
 * diversion spill and post-switch verification read.
 *
 * @param periodStart the start of the latest complete period Cloud Monitor reported
 * @param requests requests in that period
 * @param http5xx 5xx answers in that period (the backend's and the CLB's own)
 * @param responseTimeAvgMs the average response time, when reported
 */
public record RuleLoad(
    Instant periodStart,
    Duration period,
    double requests,
    double http5xx,
    OptionalDouble responseTimeAvgMs) {
  public RuleLoad {
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(responseTimeAvgMs, "responseTimeAvgMs");
  }

  /** The share of requests answered 5xx, 0-1; empty without requests. */
  public OptionalDouble fiveXxRate() {
    return requests > 0
        ? OptionalDouble.of(Math.min(1, http5xx / requests))
        : OptionalDouble.empty();
  }

  /** Requests per second over the period. */
  public double requestsPerSecond() {
    return requests / period.toSeconds();
  }
}
