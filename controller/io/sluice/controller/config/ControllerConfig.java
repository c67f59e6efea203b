package io.sluice.controller.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sluice.controller.ha.HaSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the controller itself runs: where, with which credentials, what it listens on.
 *
 * @param region the Tencent Cloud region of the CLBs and functions, e.g. ap-guangzhou
 * @param stateDir where the controller keeps its state between restarts
 * @param observeOnly decide and report, never change traffic
 * @param maxOverrideTtl the longest TTL an operator override may ask for
 * @param vantagePoints names of the places probes run from; health is a quorum over them
 * @param correlationWindow failures of every backend within this window are suspected to be the
 *     prober's own
 * @param sentinels probes of targets known to be healthy, to tell a broken prober from a broken
 *     backend
 * @param ha run as one replica of a group on ZooKeeper; absent, the controller is one process
 */
public record ControllerConfig(
    @NotNull @Pattern(regexp = REGION) String region,
    Credentials credentials,
    Api api,
    String stateDir,
    boolean observeOnly,
    Duration maxOverrideTtl,
    @Size(min = 1) List<String> vantagePoints,
    Duration correlationWindow,
    List<Sentinel> sentinels,
    Optional<Ha> ha) {
  static final String REGION = "^[a-z]+-[a-z0-9-]+$";
  static final String SHA256 = "^[0-9a-f]{64}$";
  public static final String DEFAULT_STATE_DIR = ".sluice-state";
  public static final boolean DEFAULT_OBSERVE_ONLY = false;
  public static final Duration DEFAULT_MAX_OVERRIDE_TTL = Duration.ofHours(24);
  public static final Duration MIN_MAX_OVERRIDE_TTL = Duration.ofMinutes(1);
  public static final Duration MAX_MAX_OVERRIDE_TTL = Duration.ofDays(7);
  public static final List<String> DEFAULT_VANTAGE_POINTS = List.of("local");
  public static final Duration DEFAULT_CORRELATION_WINDOW = Duration.ofSeconds(2);

  public ControllerConfig {
    vantagePoints = Immutable.list(vantagePoints);
    sentinels = Immutable.list(sentinels);
  }

  /**
   * Where the controller's cloud credentials come from.
   *
   * @param profile the profile name, only with source profile (default: default)
   * @param roleName the CAM role name, only with source cvm-role (default: the instance's role)
   */
  public record Credentials(
      CredentialSource source, Optional<String> profile, Optional<String> roleName) {
    public static final CredentialSource DEFAULT_SOURCE = CredentialSource.ENV;
    public static final String UNNAMED_PROFILE = "default";

    public String profileName() {
      return profile.orElse(UNNAMED_PROFILE);
    }
  }

  /** Where cloud credentials come from. */
  public enum CredentialSource {
    /** TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY. */
    ENV,
    /** A profile of the tccli credentials file. */
    PROFILE,
    /** The CVM instance's CAM role, from the metadata service. */
    CVM_ROLE,
    /** The embedded emulator; no real cloud is touched. */
    SANDBOX;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The controller's HTTP API.
   *
   * @param listen the address to listen on; loopback unless tokens protect it, and TLS too unless
   *     allowPlaintextTokens
   * @param tokens who may call it; only SHA-256 hashes are stored
   * @param openEndpoints serve /healthz, /readyz and /metrics without a token
   * @param tls serve HTTPS, and optionally accept client certificates in place of tokens
   * @param allowPlaintextTokens accept a non-loopback listen address without TLS (a TLS-terminating
   *     proxy in front, on a private network); bearer tokens then cross the network readable, and
   *     the daemon warns at start
   * @param mutationsPerMinute how many changes (override, clear, resume) one caller may make per
   *     minute; more are answered 429 with Retry-After
   * @param maxConnections how many connections may be open at once; past it, the one that has
   *     waited longest for a request head is closed
   * @param idleTimeout a connection with nothing read or written for this long is closed
   * @param headerTimeout a connection must send a complete request head within this long of
   *     opening, or of its previous answer
   * @param requestTimeout once its head has arrived, a request must be read and answered within
   *     this long, or its connection is closed
   */
  public record Api(
      HostPort listen,
      List<Token> tokens,
      boolean openEndpoints,
      Optional<Tls> tls,
      boolean allowPlaintextTokens,
      @Min(1) @Max(600) int mutationsPerMinute,
      @Min(1) @Max(100_000) int maxConnections,
      Duration idleTimeout,
      Duration headerTimeout,
      Duration requestTimeout) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 7070);
    public static final boolean DEFAULT_OPEN_ENDPOINTS = true;
    public static final boolean DEFAULT_ALLOW_PLAINTEXT_TOKENS = false;
    public static final int DEFAULT_MUTATIONS_PER_MINUTE = 10;
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MIN_HEADER_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofHours(1);

    public Api {
      tokens = Immutable.list(tokens);
    }
  }

  /**
   * HTTPS for the API.
   *
   * @param certFile the server's certificate chain, PEM
   * @param keyFile the server's private key, PEM
   * @param clientCaFile the CA certificates (PEM) that sign client certificates; with it, a client
   *     may present a certificate instead of a token
   * @param clients which client certificate subjects get which role
   */
  public record Tls(
      @NotNull String certFile,
      @NotNull String keyFile,
      Optional<String> clientCaFile,
      List<ClientCert> clients) {
    public Tls {
      clients = Immutable.list(clients);
    }
  }

  /**
   * A client certificate subject and the role it gets.
   *
   * @param subject the certificate's subject distinguished name, as RFC 2253 prints it, e.g.
   *     CN=ops-laptop,O=Example
   * @param services the services an operator certificate may act on
   */
  public record ClientCert(@NotNull String subject, @NotNull Role role, List<String> services) {
    public ClientCert {
      services = Immutable.list(services);
    }
  }

  /**
   * An API bearer token.
   *
   * @param sha256 the hex SHA-256 of the token; the token itself is never stored
   * @param services the services an operator token may act on
   */
  public record Token(
      @NotNull @Pattern(regexp = ServiceConfig.NAME) String id,
      @NotNull @Pattern(regexp = SHA256) String sha256,
      @NotNull Role role,
      List<String> services) {
    public Token {
      services = Immutable.list(services);
    }
  }

  /** What a token may do. */
  public enum Role {
    /** Read state, history and metrics. */
    VIEWER,
    /** Also set and clear overrides on the services in its scope. */
    OPERATOR,
    /** Everything, on every service. */
    ADMIN;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Replicas on ZooKeeper: every replica probes from its own vantage point (its {@code replica}
   * name, listed in {@code vantagePoints}), one of them, the leader, moves traffic.
   *
   * @param connect the ZooKeeper ensemble, {@code host:port} pairs separated by commas
   * @param namespace the path the group keeps everything under, so groups can share an ensemble
   * @param replica this replica's name and vantage point; absent, the host's name ({@code sluice
   *     run --replica} overrides both)
   * @param advertise where this replica's API answers for the others, {@code http(s)://host:port};
   *     absent, the host's name and the API's port
   * @param sessionTimeout a leader that stops hearing from the ensemble for this long is replaced;
   *     its cloud writes end before then
   * @param connectionTimeout how long connecting to the ensemble may take at start
   * @param publishEvery how often a replica repeats its verdicts when nothing changed
   * @param staleAfter a replica whose verdicts are older than this counts as UNKNOWN
   */
  public record Ha(
      @NotNull @Pattern(regexp = CONNECT) String connect,
      @Pattern(regexp = NAMESPACE) String namespace,
      Optional<@Pattern(regexp = ServiceConfig.NAME) String> replica,
      Optional<@Pattern(regexp = ADVERTISE) String> advertise,
      Duration sessionTimeout,
      Duration connectionTimeout,
      Duration publishEvery,
      Duration staleAfter) {
    static final String CONNECT = "^[^\\s,/:]+:[0-9]{1,5}(,[^\\s,/:]+:[0-9]{1,5})*$";
    static final String NAMESPACE = "^[a-z0-9][a-z0-9-]{0,62}$";
    static final String ADVERTISE = "^https?://[^\\s/]+(:[0-9]{1,5})?/?$";
    public static final String DEFAULT_NAMESPACE = HaSettings.DEFAULT_NAMESPACE;
    public static final Duration DEFAULT_SESSION_TIMEOUT = HaSettings.DEFAULT_SESSION_TIMEOUT;
    public static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = HaSettings.DEFAULT_CONNECTION_TIMEOUT;
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(500);
    public static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_PUBLISH_EVERY = HaSettings.DEFAULT_PUBLISH_EVERY;
    public static final Duration MIN_PUBLISH_EVERY = Duration.ofMillis(100);
    public static final Duration MAX_PUBLISH_EVERY = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STALE_AFTER = HaSettings.DEFAULT_STALE_AFTER;
    public static final Duration MAX_STALE_AFTER = Duration.ofMinutes(5);
  }

  /** A probe of a target known to be healthy; its target must be given. */
  public record Sentinel(
      @NotNull @Pattern(regexp = ServiceConfig.NAME) String name, @NotNull ProbeConfig probe) {}
}
