package io.sluice.sandbox.dataplane.clb;

import java.time.Duration;

/**
 * How the emulated CLB checks its real servers: an HTTP GET of {@code path} every {@code interval},
 * failing after {@code timeout}; {@code healthyThreshold} successes in a row make a target Alive
 * and {@code unhealthyThreshold} failures make it Dead. Any answer 200–399 counts as success (CLB's
 * {@code http_2xx}/{@code http_3xx} defaults).
 */
public record HealthCheckSettings(
    Duration interval,
    Duration timeout,
    int healthyThreshold,
    int unhealthyThreshold,
    String path) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_HEALTHY_THRESHOLD = 3;
  public static final int DEFAULT_UNHEALTHY_THRESHOLD = 3;
  public static final String DEFAULT_PATH = "/";

  public static final HealthCheckSettings DEFAULTS =
      new HealthCheckSettings(
          DEFAULT_INTERVAL,
          DEFAULT_TIMEOUT,
          DEFAULT_HEALTHY_THRESHOLD,
          DEFAULT_UNHEALTHY_THRESHOLD,
          DEFAULT_PATH);

  public HealthCheckSettings {
    requirePositive("interval", interval);
    requirePositive("timeout", timeout);
    if (healthyThreshold < 1 || unhealthyThreshold < 1) {
      throw new IllegalArgumentException(
          "healthyThreshold/unhealthyThreshold: must be at least 1, got "
              + healthyThreshold
              + "/"
              + unhealthyThreshold);
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path: must start with /, got " + path);
    }
  }

  static void requirePositive(String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + ": must be positive, got " + value);
    }
  }
}
