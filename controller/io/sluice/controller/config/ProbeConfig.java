package io.sluice.controller.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sluice.health.CheckThresholds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One health probe of a backend. A backend goes DOWN after {@code fall} failures in a row and UP
 * after {@code rise} successes in a row, as HAProxy counts them.
 *
 * @param target host:port to connect to; default the backend's CLB vip or hostname, port 80 for
 *     http and 443 for https
 * @param host the Host header (and the SNI name unless {@code sni} is given)
 * @param expectStatus the statuses that count as a pass, e.g. 200-299,301
 * @param bodyContains the body must contain this text
 * @param bodyMatches the body must match this regular expression
 * @param fastInterval the interval while the verdict is changing (HAProxy fastinter)
 * @param maxBodyBytes the most body bytes read for the body checks
 */
public record ProbeConfig(
    @NotNull @Pattern(regexp = ServiceConfig.NAME) String name,
    @NotNull ProbeType type,
    Optional<HostPort> target,
    Optional<String> host,
    Optional<String> sni,
    @Pattern(regexp = "^[A-Z]+$") String method,
    @Pattern(regexp = "^/.*$") String path,
    Map<String, String> headers,
    StatusSet expectStatus,
    Optional<String> bodyContains,
    Optional<String> bodyMatches,
    Duration interval,
    Duration timeout,
    @Min(1) @Max(100) int fall,
    @Min(1) @Max(100) int rise,
    Optional<Duration> fastInterval,
    boolean tlsVerify,
    @Min(1) @Max(16 * 1024 * 1024) int maxBodyBytes) {
  public static final String DEFAULT_METHOD = "GET";
  public static final String DEFAULT_PATH = "/";
  public static final StatusSet DEFAULT_EXPECT_STATUS = StatusSet.parse("200-399");
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_FALL = 3;
  public static final int DEFAULT_RISE = 2;
  public static final boolean DEFAULT_TLS_VERIFY = true;
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public ProbeConfig {
    headers = Immutable.map(headers);
  }

  /** The address to probe: {@code target}, or else the CLB's vip or hostname on the usual port. */
  /** The fall and rise thresholds the health verdicts apply to this probe's results. */
  public CheckThresholds thresholds() {
    return new CheckThresholds(fall, rise);
  }

  public Optional<HostPort> targetFor(ClbTarget clb) {
    if (target.isPresent()) {
      return target;
    }
    int port = type == ProbeType.HTTPS ? 443 : 80;
    return type == ProbeType.TCP ? Optional.empty() : clb.address().map(h -> new HostPort(h, port));
  }

  /** How a probe talks to its target. */
  public enum ProbeType {
    HTTP,
    HTTPS,
    /** Only opens a connection. */
    TCP;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
