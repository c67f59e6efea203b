package io.sluice.health.probe;

import static io.sluice.health.probe.HttpProberIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPS probes against a loopback server with a self-signed certificate for {@code localhost}: a
 * certificate the spec does not trust is a TLS_ERROR (a backend serving the wrong certificate is
 * down for its clients), unless the spec turns verification off.
 */
final class HttpsProberIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration TLS_SETUP_TIMEOUT = Duration.ofSeconds(8);

  private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
  private Vertx vertx;
  private HttpProber prober;
  private int port;
  // the SNI of every connection the server accepted
  private final List<String> serverNames = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    prober = new HttpProber(vertx, System::nanoTime);
    port =
        await(
                vertx
                    .createHttpServer(
                        new HttpServerOptions()
                            .setSsl(true)
                            .setSni(true)
                            .setKeyCertOptions(certificate.keyCertOptions()))
                    .connectionHandler(
                        connection -> serverNames.add("" + connection.indicatedServerName()))
                    .requestHandler(request -> request.response().end("ok"))
                    .listen(0, "127.0.0.1"))
            .actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    await(prober.close());
    await(vertx.close());
    certificate.delete();
  }

  @Test
  void readsUpWhenTheSpecTrustsTheServersCertificate() throws Exception {
    ProbeOutcome outcome =
        await(
            prober.probe(
                spec().trustedCertificates(Path.of(certificate.certificatePath())).build()));

    assertThat(outcome).as("%s", outcome.describe()).isInstanceOf(ProbeOutcome.Up.class);
  }

  @Test
  void sendsTheSniAndKeepsOneTlsConnectionForSuccessiveProbes() throws Exception {
    ProbeSpec spec = spec().trustedCertificates(Path.of(certificate.certificatePath())).build();

    for (int i = 0; i < 3; i++) {
      ProbeOutcome outcome = await(prober.probe(spec));
      assertThat(outcome).as("%s", outcome.describe()).isInstanceOf(ProbeOutcome.Up.class);
    }

    assertThat(serverNames).as("one handshake, naming the spec's SNI").containsExactly("localhost");
  }

  @Test
  void presentsTheClientCertificateToAServerThatRequiresOne() throws Exception {
    SelfSignedCertificate client = SelfSignedCertificate.create("probe-client");
    try {
      int mutualTlsPort =
          await(
                  vertx
                      .createHttpServer(
                          new HttpServerOptions()
                              .setSsl(true)
                              .setKeyCertOptions(certificate.keyCertOptions())
                              .setClientAuth(ClientAuth.REQUIRED)
                              .setTrustOptions(client.trustOptions()))
                      .requestHandler(request -> request.response().end("ok"))
                      .listen(0, "127.0.0.1"))
              .actualPort();

      ProbeOutcome with =
          await(
              prober.probe(
                  trusting(mutualTlsPort)
                      .clientCertificate(
                          Path.of(client.certificatePath()), Path.of(client.privateKeyPath()))
                      .build()));
      ProbeOutcome without = await(prober.probe(trusting(mutualTlsPort).build()));

      assertThat(with).as("%s", with.describe()).isInstanceOf(ProbeOutcome.Up.class);
      assertThat(without).isInstanceOf(ProbeOutcome.Down.class);
      assertThat(((ProbeOutcome.Down) without).reason())
          .as("%s", without.describe())
          .isEqualTo(DownReason.TLS_ERROR);
    } finally {
      client.delete();
    }
  }

  @Test
  void readsTlsErrorWhenTheCertificateIsNotTrusted() throws Exception {
    ProbeOutcome outcome = await(prober.probe(spec().build()));

    assertThat(outcome).isInstanceOf(ProbeOutcome.Down.class);
    assertThat(((ProbeOutcome.Down) outcome).reason()).isEqualTo(DownReason.TLS_ERROR);
  }

  @Test
  void readsTlsErrorWhenTheCertificateNamesAnotherHost() throws Exception {
    ProbeOutcome outcome =
        await(
            prober.probe(
                spec()
                    .sni("shop.example.com")
                    .trustedCertificates(Path.of(certificate.certificatePath()))
                    .build()));

    assertThat(outcome).isInstanceOf(ProbeOutcome.Down.class);
    assertThat(((ProbeOutcome.Down) outcome).reason()).isEqualTo(DownReason.TLS_ERROR);
  }

  @Test
  void readsUpForAnUntrustedCertificateWhenVerificationIsOff() throws Exception {
    ProbeOutcome outcome = await(prober.probe(spec().tlsVerify(false).build()));

    assertThat(outcome).as("%s", outcome.describe()).isInstanceOf(ProbeOutcome.Up.class);
  }

  /**
   * A spec trusting the server, with time to spare for building a TLS context with a client key,
   * which took seconds on a busy two-core machine.
   */
  private ProbeSpec.Builder trusting(int serverPort) {
    return spec(serverPort)
        .trustedCertificates(Path.of(certificate.certificatePath()))
        .timeout(TLS_SETUP_TIMEOUT)
        .connectTimeout(TLS_SETUP_TIMEOUT)
        .interval(TLS_SETUP_TIMEOUT);
  }

  private ProbeSpec.Builder spec() {
    return spec(port);
  }

  private ProbeSpec.Builder spec(int serverPort) {
    return ProbeSpec.https("127.0.0.1", serverPort)
        .sni("localhost")
        .timeout(TIMEOUT)
        .connectTimeout(TIMEOUT)
        .interval(TIMEOUT);
  }
}
