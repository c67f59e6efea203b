package io.sluice.controller.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sluice.health.CheckThresholds;
import io.sluice.health.probe.BodyMatch;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.health.probe.StatusRanges;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
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
 * @param fastInterval the interval while the verdict is changing (HAProxy fastinter); by default
 *     the larger of {@code timeout} and a fifth of {@code interval}
 * @param fastTimeout the timeout of a probe while the verdict is changing; by default the shorter
 *     of {@code timeout} and {@code fastInterval}
 * @param maxBodyBytes the most body bytes read for the body checks
 * @param tlsClientCertificate a PEM file with the certificate chain an https probe presents when
 *     the server asks for one (mutual TLS); with {@code tlsClientKey}
 * @param tlsClientKey a PEM file with that certificate's unencrypted PKCS#8 private key
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
    StatusRanges expectStatus,
    Optional<String> bodyContains,
    Optional<String> bodyMatches,
    Duration interval,
    Duration timeout,
    @Min(1) @Max(100) int fall,
    @Min(1) @Max(100) int rise,
    Optional<Duration> fastInterval,
    Optional<Duration> fastTimeout,
    boolean tlsVerify,
    @Min(1) @Max(16 * 1024 * 1024) int maxBodyBytes,
    Optional<String> tlsClientCertificate,
    Optional<String> tlsClientKey) {
  public static final String DEFAULT_METHOD = "GET";
  public static final String DEFAULT_PATH = "/";
  public static final StatusRanges DEFAULT_EXPECT_STATUS = StatusRanges.SUCCESS_OR_REDIRECT;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_FALL = 3;

  /** Without a {@code fastInterval}, probes while a verdict changes come this many times faster. */
  static final int FAST_INTERVAL_DIVISOR = 5;

  public static final int DEFAULT_RISE = 2;
  public static final boolean DEFAULT_TLS_VERIFY = true;
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public ProbeConfig {
    headers = Immutable.map(headers);
  }

  /** The fall and rise thresholds the health verdicts apply to this probe's results. */
  public CheckThresholds thresholds() {
    return new CheckThresholds(fall, rise);
  }

  /**
   * The prober's spec for this probe of a backend behind {@code clb}. Settings the config does not
   * expose (connect timeout, jitter, the lag beyond which a late probe is Inconclusive) take the
   * prober's defaults; the connect timeout never exceeds the probe's own timeout.
   *
   * @throws IllegalStateException when there is nothing to probe, which validation rules out
   */
  public ProbeSpec toSpec(ClbTarget clb) {
    return toSpec(
        targetFor(clb)
            .orElseThrow(
                () -> new IllegalStateException("probe " + name + " has no target to probe")));
  }

  /**
   * The prober's spec for a probe that names its own {@code target}, as a sentinel's must.
   *
   * @throws IllegalStateException when the probe has no target, which validation rules out for a
   *     sentinel
   */
  public ProbeSpec toSpec() {
    return toSpec(
        target.orElseThrow(
            () -> new IllegalStateException("probe " + name + " names no target to probe")));
  }

  private ProbeSpec toSpec(HostPort where) {
    ProbeSpec.Builder spec =
        switch (type) {
          case HTTP -> ProbeSpec.http(where.host(), where.port());
          case HTTPS -> ProbeSpec.https(where.host(), where.port());
          case TCP -> ProbeSpec.tcp(where.host(), where.port());
        };
    host.ifPresent(spec::hostHeader);
    sni.ifPresent(spec::sni);
    headers.forEach(spec::header);
    bodyContains.ifPresent(text -> spec.bodyMatch(new BodyMatch.Contains(text)));
    bodyMatches.ifPresent(
        regex -> spec.bodyMatch(new BodyMatch.Matches(java.util.regex.Pattern.compile(regex))));
    spec.fastInterval(fastInterval.orElseGet(this::defaultFastInterval));
    fastTimeout.ifPresent(spec::fastTimeout);
    tlsClientCertificate.ifPresent(
        certificate ->
            spec.clientCertificate(Path.of(certificate), Path.of(tlsClientKey.orElseThrow())));
    Duration connect =
        timeout.compareTo(ProbeSpec.DEFAULT_CONNECT_TIMEOUT) < 0
            ? timeout
            : ProbeSpec.DEFAULT_CONNECT_TIMEOUT;
    return spec.method(method)
        .path(path)
        .expectedStatuses(expectStatus)
        .maxBodyBytes(maxBodyBytes)
        .timeout(timeout)
        .connectTimeout(connect)
        .tlsVerify(tlsVerify)
        .interval(interval)
        .build();
  }

  /**
   * The fast interval when none is given: a fifth of the interval, but never shorter than the
   * timeout, so that a verdict changes sooner (fall 3 at 1 s takes 1 s after the first failure, not
   * 2 s) while fast probes keep the timeout the user chose and never overlap. Validation keeps the
   * timeout below the interval, so this is too.
   */
  Duration defaultFastInterval() {
    return defaultFastInterval(interval, timeout);
  }

  /** The fast interval of a probe with this interval and timeout that names none. */
  public static Duration defaultFastInterval(Duration interval, Duration timeout) {
    Duration fifth = interval.dividedBy(FAST_INTERVAL_DIVISOR);
    return fifth.compareTo(timeout) > 0 ? fifth : timeout;
  }

  /** The address to probe: {@code target}, or else the CLB's vip or hostname on the usual port. */
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
