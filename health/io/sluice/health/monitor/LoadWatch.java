package io.sluice.health.monitor;

import io.sluice.health.signal.RuleTraffic;
import java.time.Duration;
import java.util.Objects;

/**
 * Cloud Monitor's traffic on a backend's rule, read every {@code interval}: the load and error
 * signals for diversion spill and post-switch verification. Not a health check.
 */
public record LoadWatch(RuleTraffic.Query query, Duration interval) {
  public LoadWatch {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval: must be more than zero, got " + interval);
    }
  }
}
