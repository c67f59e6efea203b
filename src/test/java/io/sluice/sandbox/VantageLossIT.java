package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data plane loses a share of one vantage point's requests to one backend, as set through the
 * admin API, and no other vantage point's: a lossy path from one zone.
 */
final class VantageLossIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int REQUESTS = 100;
  private DemoWorld world;

  @BeforeEach
  void start() {
    world = new DemoWorld();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void aFailedShareOfOneVantagePointsRequestsAnswers503() throws Exception {
    assertThat(
            admin("/admin/vantage-loss?vantage=r1&target=lbl-sandbox1&share=0.3&kind=fail&seed=5"))
        .isEqualTo(204);

    int failedR1 = failures("r1", REQUESTS);
    int failedR2 = failures("r2", REQUESTS);

    assertThat(failedR1).isBetween(15, 45);
    assertThat(failedR2).isZero();

    // the same seed set again loses the same requests
    admin("/admin/vantage-loss?vantage=r1&target=lbl-sandbox1&share=0.3&kind=fail&seed=5");
    assertThat(failures("r1", REQUESTS)).isEqualTo(failedR1);

    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(adminUri("/admin/vantage-loss")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(204);
    assertThat(failures("r1", REQUESTS)).isZero();
  }

  @Test
  void aDroppedRequestIsNeverAnswered() throws Exception {
    admin("/admin/vantage-loss?vantage=r1&target=loc-sandbox1&share=1&kind=drop");

    assertThat(status("r1", 300)).isEqualTo(-1);
    assertThat(status("r2", 10_000)).isEqualTo(200);
  }

  @Test
  void badLossInputIs400() throws Exception {
    assertThat(admin("/admin/vantage-loss?vantage=r1&share=2")).isEqualTo(400);
    assertThat(admin("/admin/vantage-loss?share=0.1")).isEqualTo(400);
  }

  private int failures(String vantage, int requests) throws IOException {
    int failed = 0;
    for (int i = 0; i < requests; i++) {
      int status = status(vantage, 10_000);
      assertThat(status).isIn(200, 503);
      failed += status == 503 ? 1 : 0;
    }
    return failed;
  }

  /** The status of one GET sent as the prober of that vantage point sends it; -1 if none came. */
  private int status(String vantage, int patienceMillis) throws IOException {
    try (Socket socket =
        new Socket("127.0.0.1", world.sandbox.vipPort("lb-sandbox1", "lbl-sandbox1"))) {
      socket.setSoTimeout(patienceMillis);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: "
                      + DemoWorld.HOST
                      + "\r\nUser-Agent: "
                      + "sluice-prober (vantage "
                      + vantage
                      + ")"
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return head.length() < 12 ? -1 : Integer.parseInt(head.substring(9, 12));
    } catch (SocketTimeoutException e) {
      return -1;
    }
  }

  private URI adminUri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + world.sandbox.adminPort() + pathAndQuery);
  }

  private int admin(String pathAndQuery) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(adminUri(pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
