package io.sluice.controller.group;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A replica's operator API on loopback, called with the group's admin token. */
final class GroupApi {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final String token;

  GroupApi(String token) {
    this.token = token;
  }

  /** An answer: its status and body. */
  record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  Answer get(int port, String path) throws IOException, InterruptedException {
    return send(request(port, path).GET());
  }

  Answer put(int port, String path, JsonObject body) throws IOException, InterruptedException {
    return send(
        request(port, path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  /** {@code GET /v1/group}. */
  JsonObject group(int port) throws IOException, InterruptedException {
    return ok(get(port, "/v1/group"));
  }

  /** Shop's only route as {@code GET /v1/services/shop} shows it. */
  JsonObject shopRoute(int port) throws IOException, InterruptedException {
    return ok(get(port, "/v1/services/shop")).getJsonArray("routes").getJsonObject(0);
  }

  /**
   * This replica's verdict on one of shop's backends ({@code cvm}, {@code scf}), over every vantage
   * point.
   */
  String shopVerdict(int port, String backend) throws IOException, InterruptedException {
    return ok(get(port, "/v1/services/shop"))
        .getJsonObject("health")
        .getJsonObject(backend)
        .getString("verdict");
  }

  /** Shop's route's split as its reconciler last read it back, such as {@code cvm=0,scf=100}. */
  String shopActual(int port) throws IOException, InterruptedException {
    return String.valueOf(shopRoute(port).getString("actual"));
  }

  /** The replica's audit entries about shop with {@code action}, oldest first. */
  List<JsonObject> audit(int port, String action) throws IOException, InterruptedException {
    JsonArray entries = ok(get(port, "/v1/audit?service=shop")).getJsonArray("entries");
    return entries.stream()
        .map(JsonObject.class::cast)
        .filter(e -> action.equals(e.getString("action")))
        .toList();
  }

  /** {@code /metrics}, which needs no token. */
  String metrics(int port) throws IOException, InterruptedException {
    return send(request(port, "/metrics").GET()).body();
  }

  /**
   * The value of the unlabelled sample {@code name} on a {@code /metrics} page; NaN when absent.
   */
  static double sample(String metrics, String name) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .findFirst()
        .orElse(Double.NaN);
  }

  private HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token);
  }

  private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private static JsonObject ok(Answer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException("HTTP " + answer.status() + ": " + answer.body());
    }
    return answer.json();
  }
}
