package io.sluice.health.probe;

import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Active HTTP and HTTPS probes over one keep-alive client, so that steady probing costs no new
 * connection (and no TLS handshake) per probe, the way HAProxy's checks stay cheap. A request that
 * a server's close of its kept-alive connection cuts off is sent once more on a fresh connection
 * (see {@link HttpExchange}), so that race never reads as a reset.
 *
 * <p>Every probe settles within the spec's total timeout, and a failure says what kind of failure
 * it was ({@link ProbeFailure}): a refused connection, a reset, a silent server and a failed
 * handshake are different faults to the operator. A failure of the prober's own resolver reads
 * Inconclusive, never Down.
 */
public final class HttpProber implements Prober {
  /** Idle pooled connections close after this many seconds. */
  static final int KEEP_ALIVE_SECONDS = 30;

  static final int MAX_CONNECTIONS_PER_ENDPOINT = 2;

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final KeptAliveConnections keptAlive = new KeptAliveConnections();
  private final LongSupplier nanoClock;
  private final HostResolver resolver;
  // one entry per distinct trust setting in the config, so the pool keys on equal options
  private final Map<TlsTrust, ClientSSLOptions> tlsOptions = new ConcurrentHashMap<>();

  public HttpProber(Vertx vertx, LongSupplier nanoClock) {
    this(vertx, nanoClock, HostResolver.system(vertx));
  }

  public HttpProber(Vertx vertx, LongSupplier nanoClock, HostResolver resolver) {
    this.vertx = vertx;
    this.nanoClock = nanoClock;
    this.resolver = resolver;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                // Drop an idle pooled connection before typical servers and load balancers drop
                // it (nginx 75 s, most CLB/ELB 60 s): a probe sent on a connection the server has
                // just closed would read as a reset, a false Down.
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setForceSni(true),
            // At most two connections per endpoint. One is all a target needs, as the scheduler
            // never overlaps a target's probes; the second lets two checks of one address (the
            // usual "http" and "checkout" probes of a VIP) run at once without the later one
            // waiting in the pool, where the wait would count against its connect timeout. The
            // default of five let a prober that fell behind open five sockets per target.
            new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_ENDPOINT));
  }

  @Override
  public Future<ProbeOutcome> probe(ProbeSpec spec) {
    if (spec.kind() == ProbeKind.TCP) {
      throw new IllegalArgumentException("HttpProber probes HTTP and HTTPS, got a TCP spec");
    }
    return new HttpExchange(vertx, spec, nanoClock, client, keptAlive)
        .start(resolver, requestOptions(spec));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private RequestOptions requestOptions(ProbeSpec spec) {
    boolean https = spec.kind() == ProbeKind.HTTPS;
    // the connection goes to the resolved address; the name here is the SNI and authority
    RequestOptions options =
        new RequestOptions()
            .setHost(https ? spec.tlsServerName() : spec.hostHeader().orElse(spec.host()))
            .setPort(spec.port())
            .setMethod(HttpMethod.valueOf(spec.method()))
            .setURI(spec.path())
            .setConnectTimeout(spec.connectTimeout().toMillis())
            .setSsl(https);
    if (https) {
      options.setSslOptions(
          tlsOptions.computeIfAbsent(
              new TlsTrust(spec.tlsVerify(), spec.trustedCertificates()), TlsTrust::sslOptions));
    }
    return options;
  }

  private record TlsTrust(boolean verify, Optional<Path> trustedCertificates) {
    ClientSSLOptions sslOptions() {
      ClientSSLOptions options = new ClientSSLOptions().setTrustAll(!verify);
      if (verify) {
        options.setHostnameVerificationAlgorithm("HTTPS");
        trustedCertificates.ifPresent(
            pem -> options.setTrustOptions(new PemTrustOptions().addCertPath(pem.toString())));
      }
      return options;
    }
  }
}
