package io.sluice.nemesis;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice sandbox -s SCENARIO} in a process of its own, the cloud every replica shares: where
 * its API, admin API and VIPs listen (read from what it prints), and its admin API for the nemeses
 * (revoke a replica's key, lose a vantage point's probes) and the checker (the mutation log, the
 * routing history).
 */
final class SandboxProcess implements AutoCloseable {
  static final Duration START_BOUND = Duration.ofSeconds(120);
  private static final Pattern API = Pattern.compile("API endpoint\\s+(\\S+:\\d+)");
  private static final Pattern ADMIN =
      Pattern.compile("admin\\s+http://127\\.0\\.0\\.1:(\\d+)/admin/");
  private static final Pattern VIP =
      Pattern.compile("VIP\\s+(\\S+)/(\\S+)\\s+127\\.0\\.0\\.1:(\\d+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Child child;
  private final String apiEndpoint;
  private final int adminPort;
  private final Map<String, Integer> listenerPorts;

  private SandboxProcess(
      Child child, String apiEndpoint, int adminPort, Map<String, Integer> listenerPorts) {
    this.child = child;
    this.apiEndpoint = apiEndpoint;
    this.adminPort = adminPort;
    this.listenerPorts = Map.copyOf(listenerPorts);
  }

  /** Starts it and waits until it has printed where everything listens. */
  static SandboxProcess start(Path scenario, Path dir) throws IOException {
    return start(scenario, dir, List.of("-Xmx256m"));
  }

  /** As {@link #start(Path, Path)}, with these JVM options (a larger world needs a larger heap). */
  static SandboxProcess start(Path scenario, Path dir, List<String> jvmOptions) throws IOException {
    Child child =
        Child.start(
            "sandbox",
            SluiceJar.command(jvmOptions, "sandbox", "-s", scenario.toString()),
            Map.of(),
            dir.resolve("sandbox.log"));
    try {
      await("the sandbox to print its admin port (" + child.log() + ")")
          .atMost(START_BOUND)
          .until(() -> ADMIN.matcher(child.output()).find() || !child.isAlive());
      String out = child.output();
      Matcher api = API.matcher(out);
      Matcher admin = ADMIN.matcher(out);
      if (!api.find() || !admin.find()) {
        throw new IllegalStateException("the sandbox did not start; its output:\n" + out);
      }
      Map<String, Integer> listeners = new LinkedHashMap<>();
      Matcher vip = VIP.matcher(out);
      while (vip.find()) {
        listeners.put(vip.group(2), Integer.parseInt(vip.group(3)));
      }
      return new SandboxProcess(child, api.group(1), Integer.parseInt(admin.group(1)), listeners);
    } catch (RuntimeException e) {
      child.close();
      throw e;
    }
  }

  Child process() {
    return child;
  }

  /** HOST:PORT of the cloud API, for {@code sluice run --endpoint}. */
  String apiEndpoint() {
    return apiEndpoint;
  }

  /**
   * {@code SANDBOX_PORT_<LISTENER>} for each VIP, as {@code sluice run --sandbox} would set them,
   * so a config written for the embedded sandbox reaches this one.
   */
  Map<String, String> portVariables() {
    Map<String, String> out = new LinkedHashMap<>();
    listenerPorts.forEach(
        (listener, port) ->
            out.put(
                "SANDBOX_PORT_" + listener.toUpperCase(Locale.ROOT).replace('-', '_'),
                String.valueOf(port)));
    return out;
  }

  /** Every accepted write so far, oldest first. */
  List<CloudWrite> mutations() {
    return objects(get("/admin/mutations")).stream()
        .map(
            m ->
                new CloudWrite(
                    Instant.parse(m.getString("time")),
                    m.getString("credential"),
                    m.getString("action"),
                    m.getString("resource"),
                    m.getString("requestId")))
        .toList();
  }

  /** Every change of a rule's or name's routing so far, the seeded world first. */
  List<RoutingChange> routing() {
    return objects(get("/admin/routing")).stream()
        .map(
            c -> {
              Map<String, Integer> targets = new LinkedHashMap<>();
              c.getJsonObject("targets")
                  .forEach(t -> targets.put(t.getKey(), ((Number) t.getValue()).intValue()));
              return new RoutingChange(
                  Instant.parse(c.getString("time")), c.getString("resource"), targets);
            })
        .toList();
  }

  /** Every call signed with the replica's key fails with AuthFailure until {@link #restore}. */
  void revoke(String replica) {
    post("/admin/credentials/" + replica + "/revoke");
  }

  void restore(String replica) {
    post("/admin/credentials/" + replica + "/restore");
  }

  /**
   * The VIPs lose {@code share} of the probes from {@code vantage} to a listener or rule ({@code *}
   * for all), drawn from {@code seed}.
   */
  void loseProbes(String vantage, String target, double share, String kind, long seed) {
    post(
        "/admin/vantage-loss?vantage="
            + vantage
            + "&target="
            + target
            + "&share="
            + share
            + "&kind="
            + kind
            + "&seed="
            + seed);
  }

  /** A POST to the admin API (an instance's fault, say: {@code /admin/instances/ID/stop}). */
  void post(String pathAndQuery) {
    send("POST", pathAndQuery, 204);
  }

  /** A DELETE to the admin API (every control-plane fault: {@code /admin/faults}). */
  void delete(String path) {
    send("DELETE", path, 204);
  }

  @Override
  public void close() {
    child.close();
  }

  private String get(String path) {
    return send("GET", path, 200);
  }

  private String send(String method, String pathAndQuery, int expected) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + pathAndQuery))
                  .timeout(Duration.ofSeconds(10))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            method
                + " "
                + pathAndQuery
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + pathAndQuery + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static List<JsonObject> objects(String json) {
    return new JsonArray(json).stream().map(JsonObject.class::cast).toList();
  }
}
