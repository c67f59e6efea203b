package io.sluice.health.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One active probe of one target, as health sees it; the controller's config maps onto it.
 *
 * @param kind HTTP, HTTPS or TCP
 * @param host the address or name to connect to
 * @param port the port to connect to
 * @param hostHeader the HTTP Host header, when it differs from {@code host}
 * @param sni the TLS server name (also the name the certificate is checked against), when it
 *     differs from the Host header
 * @param method the HTTP method
 * @param path the request path with any query
 * @param headers extra request headers
 * @param expectedStatuses the statuses that read Up
 * @param bodyMatch what the body prefix must hold, if anything
 * @param maxBodyBytes how much of the body is read at most; the rest is cut off by closing the
 *     connection, so a huge or endless body cannot pin memory or time
 * @param timeout the hard bound on one probe, connection included
 * @param connectTimeout the bound on getting a connection (at most {@code timeout})
 * @param tlsVerify whether HTTPS checks the certificate chain and name
 * @param trustedCertificates a PEM file of extra trusted certificates (a private or test CA)
 * @param clientCertificate a PEM file with the certificate chain HTTPS presents when the server
 *     asks for one (mutual TLS); given together with {@code clientKey}
 * @param clientKey a PEM file with the client certificate's PKCS#8 private key, unencrypted
 * @param interval the time between probes
 * @param fastInterval the time between probes while the check is changing state
 * @param fastTimeout the bound on a probe while the check is changing state (at most the fast
 *     interval, so fast probes never overlap); without a fast interval, {@code timeout}
 * @param jitterFraction each wait is the interval times a random factor in {@code [1 - j, 1 + j]}
 * @param maxLag a probe that starts later than this behind its plan is not run and reads
 *     Inconclusive PROBER_LAG; a Down that finishes later than this after its deadline too
 */
public record ProbeSpec(
    ProbeKind kind,
    String host,
    int port,
    Optional<String> hostHeader,
    Optional<String> sni,
    String method,
    String path,
    Map<String, String> headers,
    StatusRanges expectedStatuses,
    Optional<BodyMatch> bodyMatch,
    int maxBodyBytes,
    Duration timeout,
    Duration connectTimeout,
    boolean tlsVerify,
    Optional<Path> trustedCertificates,
    Optional<Path> clientCertificate,
    Optional<Path> clientKey,
    Duration interval,
    Optional<Duration> fastInterval,
    Duration fastTimeout,
    double jitterFraction,
    Duration maxLag) {

  public static final String DEFAULT_METHOD = "GET";
  public static final String DEFAULT_PATH = "/";
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
  public static final double DEFAULT_JITTER_FRACTION = 0.1;
  public static final double MAX_JITTER_FRACTION = 0.5;
  public static final Duration DEFAULT_MAX_LAG = Duration.ofMillis(500);

  public ProbeSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(hostHeader, "hostHeader");
    Objects.requireNonNull(sni, "sni");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(expectedStatuses, "expectedStatuses");
    Objects.requireNonNull(bodyMatch, "bodyMatch");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(trustedCertificates, "trustedCertificates");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(fastInterval, "fastInterval");
    Objects.requireNonNull(fastTimeout, "fastTimeout");
    Objects.requireNonNull(maxLag, "maxLag");
    List<String> errors = new ArrayList<>();
    if (host.isBlank()) {
      errors.add("host: must not be blank");
    }
    if (port < 1 || port > 65535) {
      errors.add("port: must be 1-65535, got " + port);
    }
    if (!path.startsWith("/")) {
      errors.add("path: must start with '/', got '" + path + "'");
    }
    if (maxBodyBytes < 0) {
      errors.add("maxBodyBytes: must be zero or more, got " + maxBodyBytes);
    }
    requirePositive(errors, "timeout", timeout);
    requirePositive(errors, "connectTimeout", connectTimeout);
    requirePositive(errors, "interval", interval);
    requirePositive(errors, "maxLag", maxLag);
    fastInterval.ifPresent(fast -> requirePositive(errors, "fastInterval", fast));
    requirePositive(errors, "fastTimeout", fastTimeout);
    if (connectTimeout.compareTo(timeout) > 0) {
      errors.add("connectTimeout: must be at most timeout " + timeout + ", got " + connectTimeout);
    }
    if (timeout.compareTo(interval) > 0) {
      errors.add("timeout: must be at most the interval " + interval + ", got " + timeout);
    }
    if (fastTimeout.compareTo(fastInterval.orElse(timeout)) > 0) {
      errors.add(
          "fastTimeout: must be at most "
              + (fastInterval.isPresent() ? "the fast interval " : "timeout ")
              + fastInterval.orElse(timeout)
              + ", got "
              + fastTimeout);
    }
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      errors.add(
          "clientCertificate and clientKey: give both or neither, got "
              + (clientCertificate.isPresent() ? "only clientCertificate" : "only clientKey"));
    }
    if (clientCertificate.isPresent() && kind != ProbeKind.HTTPS) {
      errors.add("clientCertificate: only for https probes, got a " + kind + " probe");
    }
    if (!(jitterFraction >= 0 && jitterFraction <= MAX_JITTER_FRACTION)) {
      errors.add("jitterFraction: must be 0-" + MAX_JITTER_FRACTION + ", got " + jitterFraction);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "probe of " + host + ":" + port + ": " + String.join("; ", errors));
    }
  }

  private static void requirePositive(List<String> errors, String field, Duration value) {
    if (value.isNegative() || value.isZero()) {
      errors.add(field + ": must be more than zero, got " + value);
    }
  }

  /** An HTTP probe of {@code host:port} with every default; change it with the builder. */
  public static Builder http(String host, int port) {
    return new Builder(ProbeKind.HTTP, host, port);
  }

  public static Builder https(String host, int port) {
    return new Builder(ProbeKind.HTTPS, host, port);
  }

  public static Builder tcp(String host, int port) {
    return new Builder(ProbeKind.TCP, host, port);
  }

  /** The name HTTPS sends as SNI and checks the certificate against. */
  public String tlsServerName() {
    return sni.or(() -> hostHeader).orElse(host);
  }

  /**
   * This probe as it runs while its check is changing state: bounded by {@code fastTimeout}, its
   * connection by the shorter of that and {@code connectTimeout}. The same spec when they agree.
   */
  public ProbeSpec fast() {
    if (fastTimeout.equals(timeout)) {
      return this;
    }
    Duration connect = connectTimeout.compareTo(fastTimeout) < 0 ? connectTimeout : fastTimeout;
    return new ProbeSpec(
        kind,
        host,
        port,
        hostHeader,
        sni,
        method,
        path,
        headers,
        expectedStatuses,
        bodyMatch,
        maxBodyBytes,
        fastTimeout,
        connect,
        tlsVerify,
        trustedCertificates,
        clientCertificate,
        clientKey,
        interval,
        fastInterval,
        fastTimeout,
        jitterFraction,
        maxLag);
  }

  /** {@code host:port} for messages. */
  public String target() {
    return host + ":" + port;
  }

  /** Collects a spec's values; {@link #build()} validates them all at once. */
  public static final class Builder {
    private final ProbeKind kind;
    private final String host;
    private final int port;
    private Optional<String> hostHeader = Optional.empty();
    private Optional<String> sni = Optional.empty();
    private String method = DEFAULT_METHOD;
    private String path = DEFAULT_PATH;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private StatusRanges expectedStatuses = StatusRanges.SUCCESS_OR_REDIRECT;
    private Optional<BodyMatch> bodyMatch = Optional.empty();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private boolean tlsVerify = true;
    private Optional<Path> trustedCertificates = Optional.empty();
    private Optional<Path> clientCertificate = Optional.empty();
    private Optional<Path> clientKey = Optional.empty();
    private Duration interval = DEFAULT_INTERVAL;
    private Optional<Duration> fastInterval = Optional.empty();
    private Optional<Duration> fastTimeout = Optional.empty();
    private double jitterFraction = DEFAULT_JITTER_FRACTION;
    private Duration maxLag = DEFAULT_MAX_LAG;

    private Builder(ProbeKind kind, String host, int port) {
      this.kind = kind;
      this.host = host;
      this.port = port;
    }

    public Builder hostHeader(String value) {
      hostHeader = Optional.of(value);
      return this;
    }

    public Builder sni(String value) {
      sni = Optional.of(value);
      return this;
    }

    public Builder method(String value) {
      method = value;
      return this;
    }

    public Builder path(String value) {
      path = value;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder expectedStatuses(StatusRanges value) {
      expectedStatuses = value;
      return this;
    }

    public Builder bodyMatch(BodyMatch value) {
      bodyMatch = Optional.of(value);
      return this;
    }

    public Builder maxBodyBytes(int value) {
      maxBodyBytes = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder tlsVerify(boolean value) {
      tlsVerify = value;
      return this;
    }

    public Builder trustedCertificates(Path pemFile) {
      trustedCertificates = Optional.of(pemFile);
      return this;
    }

    /** The certificate chain and key HTTPS presents when the server asks for one. */
    public Builder clientCertificate(Path certificatePem, Path keyPem) {
      clientCertificate = Optional.of(certificatePem);
      clientKey = Optional.of(keyPem);
      return this;
    }

    public Builder interval(Duration value) {
      interval = value;
      return this;
    }

    public Builder fastInterval(Duration value) {
      fastInterval = Optional.of(value);
      return this;
    }

    /**
     * The bound on a probe while the check is changing state; by default the shorter of {@code
     * timeout} and {@code fastInterval}.
     */
    public Builder fastTimeout(Duration value) {
      fastTimeout = Optional.of(value);
      return this;
    }

    public Builder jitterFraction(double value) {
      jitterFraction = value;
      return this;
    }

    public Builder maxLag(Duration value) {
      maxLag = value;
      return this;
    }

    public ProbeSpec build() {
      return new ProbeSpec(
          kind,
          host,
          port,
          hostHeader,
          sni,
          method,
          path,
          headers,
          expectedStatuses,
          bodyMatch,
          maxBodyBytes,
          timeout,
          connectTimeout,
          tlsVerify,
          trustedCertificates,
          clientCertificate,
          clientKey,
          interval,
          fastInterval,
          fastTimeout.orElseGet(this::defaultFastTimeout),
          jitterFraction,
          maxLag);
    }

    private Duration defaultFastTimeout() {
      return fastInterval.filter(fast -> fast.compareTo(timeout) < 0).orElse(timeout);
    }
  }
}
