package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle and slow clients on real loopback sockets: a crowd of idle connections cannot lock out the
 * health check, a connection that never finishes its request head is closed, and so is one that
 * never finishes its body or goes silent. Waits are bounds on something that must happen, never
 * margins on how fast.
 */
final class ConnectionLimitsTest {
  // how long a socket read may wait for the server's close or answer before the test fails
  private static final int BOUND_MILLIS = 20_000;
  private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: sluice\r\n\r\n";
  private static final String HALF_A_BODY =
      "PUT /v1/services/shop/override HTTP/1.1\r\nHost: sluice\r\n"
          + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n";

  @TempDir Path stateDir;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  private static ApiHarness api(Path stateDir, String limits) throws Exception {
    return ApiHarness.start(
        stateDir, yaml -> yaml.replace("  api:\n", "  api:\n" + limits), ApiHarness.plainClient());
  }

  private Socket open(ApiHarness api) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.server.actualPort());
    socket.setSoTimeout(BOUND_MILLIS);
    sockets.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** True once the server has closed the connection; false if it is still open after the bound. */
  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** One answer's status line and headers, and its body when it has a Content-Length. */
  private static String answer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length =
        text.lines()
            .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
            .mapToInt(l -> Integer.parseInt(l.substring(15).strip()))
            .findFirst()
            .orElse(0);
    return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  @Test
  void idleConnectionsPastTheBoundMakeWayAndTheHealthCheckAnswers() throws Exception {
    try (ApiHarness api = api(stateDir, "    maxConnections: 4\n    headerTimeout: 5m\n")) {
      List<Socket> idle = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        idle.add(open(api)); // the bound, and one more
      }

      assertThat(closedByServer(idle.get(0))).as("the longest idle connection").isTrue();
      assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
      assertThat(closedByServer(idle.get(1))).as("the next longest, for the health check").isTrue();
      send(idle.get(4), HEALTHZ);
      assertThat(answer(idle.get(4))).startsWith("HTTP/1.1 200").endsWith("ok\n");
    }
  }

  @Test
  void whenEveryConnectionIsBusyTheNewOneIsClosed() throws Exception {
    try (ApiHarness api = api(stateDir, "    maxConnections: 2\n    requestTimeout: 5m\n")) {
      List<Socket> busy = List.of(open(api), open(api));
      for (Socket socket : busy) {
        send(socket, HALF_A_BODY);
        assertThat(answer(socket)).startsWith("HTTP/1.1 100 Continue");
      }

      Socket late = open(api);

      assertThat(closedByServer(late)).isTrue();
      send(busy.get(0), "{\"pin\":1}\n");
      assertThat(answer(busy.get(0))).startsWith("HTTP/1.1 401");
    }
  }

  @Test
  void aConnectionThatNeverFinishesItsRequestHeadIsClosed() throws Exception {
    try (ApiHarness api = api(stateDir, "    headerTimeout: 1s\n")) {
      Socket slow = open(api);
      send(slow, "GET /heal");
      Socket keptAlive = open(api);
      send(keptAlive, HEALTHZ);
      assertThat(answer(keptAlive)).startsWith("HTTP/1.1 200");
      send(keptAlive, "GET /healthz HTTP/1.1\r\nHost: slu");

      assertThat(closedByServer(slow)).as("half a request line").isTrue();
      assertThat(closedByServer(keptAlive)).as("half a second request head").isTrue();
      assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRequestWhoseBodyNeverEndsIsClosed() throws Exception {
    try (ApiHarness api = api(stateDir, "    requestTimeout: 1s\n")) {
      Socket slow = open(api);
      send(slow, HALF_A_BODY);
      assertThat(answer(slow)).startsWith("HTTP/1.1 100 Continue");
      send(slow, "{");

      assertThat(closedByServer(slow)).isTrue();
    }
  }

  @Test
  void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (ApiHarness api = api(stateDir, "    idleTimeout: 1s\n    headerTimeout: 5m\n")) {
      Socket silent = open(api);

      assertThat(closedByServer(silent)).isTrue();
    }
  }
}
