package io.sluice.controller.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the operator API is and how to authenticate, for the client commands: flags, else {@code
 * SLUICE_ADDR} and {@code SLUICE_TOKEN}, else the default listen address and no token; over HTTPS,
 * the CA to trust and a client certificate for mutual TLS ({@link ClientTls}). The token is never
 * printed.
 */
final class ApiClient {
  static final String DEFAULT_ADDR = "http://127.0.0.1:7070";

  @Option(
      names = "--addr",
      paramLabel = "URL",
      description = "The API's address (default: $SLUICE_ADDR, else " + DEFAULT_ADDR + ").")
  String addr;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "The bearer token (default: $SLUICE_TOKEN).")
  String token;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description =
          "PEM CA certificates to trust for an https:// API (default: $SLUICE_CACERT, else the"
              + " JDK's trusted CAs).")
  Path caCert;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description =
          "A PEM client certificate chain to present (mutual TLS, in place of a token; default:"
              + " $SLUICE_CERT); needs --key.")
  Path cert;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "The client certificate's PKCS#8 PEM private key (default: $SLUICE_KEY).")
  Path key;

  @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
  boolean json;

  /** An answer: the status and the parsed body. */
  record Answer(int status, JsonObject body) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** A problem document's one-line summary. */
    String problem() {
      String field = body.getString("field");
      return body.getString("title", "error")
          + " ("
          + status
          + "): "
          + body.getString("detail", "")
          + (field == null ? "" : " [field " + field + ", rule " + body.getString("rule") + "]");
    }
  }

  Answer call(String method, String path, JsonObject body) throws IOException {
    String base = addr != null ? addr : env("SLUICE_ADDR", DEFAULT_ADDR);
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      base = "http://" + base;
    }
    String bearer = token != null ? token : env("SLUICE_TOKEN", null);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (bearer != null && !bearer.isBlank()) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpClient client = client(base);
    try {
      HttpResponse<String> answer =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = answer.body();
      JsonObject parsed;
      try {
        parsed = text.isBlank() ? new JsonObject() : new JsonObject(text);
      } catch (RuntimeException notJson) {
        parsed = new JsonObject().put("title", "not JSON").put("detail", text.strip());
      }
      return new Answer(answer.statusCode(), parsed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      throw new IOException("cannot reach the API at " + base + ": " + e, e);
    }
  }

  private HttpClient client(String base) throws IOException {
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10));
    Optional<Path> ca = file(caCert, "SLUICE_CACERT");
    Optional<Path> certificate = file(cert, "SLUICE_CERT");
    Optional<Path> privateKey = file(key, "SLUICE_KEY");
    if (ca.isPresent() || certificate.isPresent() || privateKey.isPresent()) {
      if (!base.startsWith("https://")) {
        throw new IOException(
            "--cacert, --cert and --key are for an https:// address, got " + base);
      }
      client.sslContext(ClientTls.context(ca, certificate, privateKey));
    }
    return client.build();
  }

  private static Optional<Path> file(Path flag, String variable) {
    return Optional.ofNullable(flag)
        .or(() -> Optional.ofNullable(env(variable, null)).map(Path::of));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
