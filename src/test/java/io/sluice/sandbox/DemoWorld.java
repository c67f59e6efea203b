package io.sluice.sandbox;

import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The demo world running, SDK clients pointed at it, and plain HTTP requests to its VIPs. */
final class DemoWorld implements AutoCloseable {
  static final String HOST = "demo.sluice.local";

  final Sandbox sandbox;

  DemoWorld() {
    try {
      sandbox =
          Sandbox.start(
              ScenarioLoader.load(Path.of("examples/sandbox/demo-world.yaml")),
              Path.of("examples/sandbox"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sandbox.close();
  }

  /** A typed SDK client (ClbClient, DnspodClient...) on the sandbox, with explicit timeouts. */
  <T> T client(Class<T> type) throws Exception {
    return SandboxClients.client(sandbox, type);
  }

  /** A reply from a VIP: status, headers (lower-case names) and body. */
  record Reply(int statusCode, Map<String, String> headers, String body) {}

  /**
   * A plain HTTP/1.1 GET with the service's Host header, as a browser resolving the domain to the
   * VIP would send it (the JDK's clients refuse to set Host themselves).
   */
  Reply get(String lb, String listener) throws IOException {
    try (Socket socket = sendGet(lb, listener)) {
      socket.setSoTimeout(10_000);
      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] headAndBody = raw.split("\r\n\r\n", 2);
      String[] lines = headAndBody[0].split("\r\n");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] kv = lines[i].split(":", 2);
        headers.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim());
      }
      return new Reply(
          Integer.parseInt(lines[0].split(" ")[1]),
          headers,
          headAndBody.length > 1 ? headAndBody[1] : "");
    }
  }

  /**
   * The same GET from a client that closes the connection when no answer has come within {@code
   * patience}.
   *
   * @return whether it gave up, i.e. no answer came in time
   */
  boolean getImpatiently(String lb, String listener, Duration patience) throws IOException {
    try (Socket socket = sendGet(lb, listener)) {
      socket.setSoTimeout(Math.toIntExact(patience.toMillis()));
      socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    }
  }

  private Socket sendGet(String lb, String listener) throws IOException {
    Socket socket = new Socket("127.0.0.1", sandbox.vipPort(lb, listener));
    try {
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
