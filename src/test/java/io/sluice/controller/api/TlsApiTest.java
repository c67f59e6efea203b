package io.sluice.controller.api;

import static io.sluice.controller.api.OperatorApiTest.PIN_SCF;
import static io.sluice.controller.api.OperatorApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS for the API, and client certificates mapped to roles (mutual TLS). */
final class TlsApiTest {
  static final String OPS = "CN=ops-laptop,O=Sluice Test";
  static final String STRANGER = "CN=stranger,O=Elsewhere";
  @TempDir static Path pkiDir;
  @TempDir Path stateDir;
  static TestPki pki;

  @BeforeAll
  static void makeCertificates() throws Exception {
    pki = TestPki.create(pkiDir);
    pki.client("ops", OPS);
    pki.client("stranger", STRANGER);
  }

  private static UnaryOperator<String> tls(String more) {
    return yaml ->
        yaml.replace(
            "  api:\n",
            "  api:\n    tls:\n      certFile: "
                + pki.serverCert
                + "\n      keyFile: "
                + pki.serverKey
                + "\n"
                + more);
  }

  @Test
  void servesHttpsAndStillWantsATokenWithoutClientCertificates() throws Exception {
    try (ApiHarness api = ApiHarness.start(stateDir, tls(""), pki.httpClient(null))) {
      assertThat(api.base()).startsWith("https://");
      assertThat(api.get("/v1/services", ApiHarness.VIEWER).statusCode()).isEqualTo(200);
      assertProblem(api.get("/v1/services", null), 401, "Authorization");
      HttpRequest plain =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + api.server.actualPort() + "/healthz"))
              .build();
      assertThatThrownBy(
              () -> ApiHarness.plainClient().send(plain, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  private static UnaryOperator<String> mutualTls() {
    return tls(
        "      clientCaFile: "
            + pki.caPem
            + "\n      clients:\n        - { subject: \""
            + OPS
            + "\", role: operator, services: [shop] }\n");
  }

  /** The CLI with the address, the CA and ops's certificate and key. */
  private static ApiCliTest.Run asOps(ApiHarness api, TestPki.PemFiles ops, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--addr",
            api.base(),
            "--cacert",
            pki.caPem.toString(),
            "--cert",
            ops.cert().toString(),
            "--key",
            ops.key().toString()));
    return ApiCliTest.run(all.toArray(String[]::new));
  }

  @Test
  void theCliPresentsAClientCertificateAndTrustsTheGivenCa() throws Exception {
    TestPki.PemFiles ops = pki.pem("ops");
    try (ApiHarness api = ApiHarness.start(stateDir, mutualTls(), pki.httpClient("ops"))) {
      ApiCliTest.Run status = asOps(api, ops, "status", "--json");
      assertThat(status.code()).as(status.err()).isZero();
      assertThat(new JsonObject(status.out()).getJsonArray("services")).hasSize(2);

      ApiCliTest.Run outOfScope =
          asOps(api, ops, "override", "lab", "--pin", "scf", "--ttl", "5m", "--reason", "r");
      assertThat(outOfScope.code()).isEqualTo(1);
      assertThat(outOfScope.err()).contains("(403)", OPS);

      ApiCliTest.Run noCertificate =
          ApiCliTest.run("status", "--addr", api.base(), "--cacert", pki.caPem.toString());
      assertThat(noCertificate.code()).isEqualTo(1);
      assertThat(noCertificate.err()).contains("(401)");

      ApiCliTest.Run untrusted =
          ApiCliTest.run(
              "status",
              "--addr",
              api.base(),
              "--cert",
              ops.cert().toString(),
              "--key",
              ops.key().toString());
      assertThat(untrusted.code()).isEqualTo(2);
      assertThat(untrusted.err()).contains("cannot reach the API");
    }
  }

  @Test
  void aMappedClientCertificateActsWithItsRole() throws Exception {
    UnaryOperator<String> mtls = mutualTls();
    try (ApiHarness api = ApiHarness.start(stateDir, mtls, pki.httpClient("ops"))) {
      assertThat(api.get("/v1/services/shop", null).statusCode()).isEqualTo(200);
      assertProblem(api.put("/v1/services/lab/override", null, PIN_SCF), 403, null);
      HttpResponse<String> set = api.put("/v1/services/shop/override", null, PIN_SCF);
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      assertThat(new JsonObject(set.body()).getString("actor")).isEqualTo(OPS);
    }
    try (ApiHarness api = ApiHarness.start(stateDir, mtls, pki.httpClient("stranger"))) {
      assertProblem(api.get("/v1/services/shop", null), 401, "Authorization");
      // a token still works beside an unmapped certificate
      assertThat(api.get("/v1/services/shop", ApiHarness.VIEWER).statusCode()).isEqualTo(200);
    }
    try (ApiHarness api = ApiHarness.start(stateDir, mtls, pki.httpClient(null))) {
      assertProblem(api.get("/v1/services/shop", null), 401, "Authorization");
    }
  }
}
