package io.sluice.nemesis;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replica: {@code sluice run --endpoint SANDBOX} from the packaged jar, with its own config
 * ({@link ReplicaConfig}), state directory and key, serving its API on a port it picks and prints.
 * The nemeses pause, resume and kill it through {@link #process()}.
 */
final class ReplicaProcess implements AutoCloseable {
  static final Duration READY_BOUND = Duration.ofSeconds(180);
  private static final Pattern METRICS_AT =
      Pattern.compile("metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final String name;
  private final Child child;
  private final Path stateDir;

  private ReplicaProcess(String name, Child child, Path stateDir) {
    this.name = name;
    this.child = child;
    this.stateDir = stateDir;
  }

  /**
   * Starts replica {@code name} under {@code dir/name}; a restart on the same {@code dir} keeps its
   * state directory and appends to its log.
   *
   * @param group the group to join; empty for a replica alone (no ha section)
   * @param clock a wall clock of its own; empty for the machine's
   */
  static ReplicaProcess start(
      String name,
      SandboxProcess sandbox,
      Path dir,
      Optional<ReplicaConfig.Group> group,
      Optional<Faketime> clock)
      throws IOException {
    return start(name, sandbox, dir, group, clock, ReplicaConfig.SERVICES);
  }

  /** The same in front of other services than the suite's ({@link ReplicaConfig#SERVICES}). */
  static ReplicaProcess start(
      String name,
      SandboxProcess sandbox,
      Path dir,
      Optional<ReplicaConfig.Group> group,
      Optional<Faketime> clock,
      Path services)
      throws IOException {
    Path home = dir.resolve(name);
    Path stateDir = home.resolve("state");
    Path config = ReplicaConfig.write(home.resolve("sluice.yaml"), name, stateDir, group, services);
    Map<String, String> env = new HashMap<>(sandbox.portVariables());
    env.put("TENCENTCLOUD_SECRET_ID", NemesisWorld.secretId(name));
    env.put("TENCENTCLOUD_SECRET_KEY", NemesisWorld.secretKey(name));
    clock.ifPresent(c -> env.putAll(c.environment()));
    Child child =
        Child.start(
            name,
            SluiceJar.command(
                List.of("-Xmx256m"),
                "run",
                "-c",
                config.toString(),
                "--endpoint",
                sandbox.apiEndpoint(),
                "--state-dir",
                stateDir.toString(),
                "--listen",
                "127.0.0.1:0"),
            env,
            home.resolve("sluice.log"));
    return new ReplicaProcess(name, child, stateDir);
  }

  String name() {
    return name;
  }

  Child process() {
    return child;
  }

  Path stateDir() {
    return stateDir;
  }

  /**
   * The port its API serves on, once it printed it (the last one it printed, after a restart); 0
   * before.
   */
  int apiPort() {
    Matcher m = METRICS_AT.matcher(child.output());
    int port = 0;
    while (m.find()) {
      port = Integer.parseInt(m.group(1));
    }
    return port;
  }

  /** True once {@code /readyz} answers 200: every route has read the cloud. */
  boolean ready() {
    int port = apiPort();
    return port > 0 && get(port, "/readyz").map(r -> r.statusCode() == 200).orElse(false);
  }

  /** Waits until it is ready, failing with its log's name if it exits or takes too long. */
  ReplicaProcess awaitReady() {
    await(name + " to be ready (" + child.log() + ")")
        .atMost(READY_BOUND)
        .until(
            () -> {
              if (!child.isAlive()) {
                throw new IllegalStateException(
                    name + " exited before it was ready; its output:\n" + child.output());
              }
              return ready();
            });
    return this;
  }

  /** Its {@code GET /v1/group}: role, epoch, leader; empty when it does not answer. */
  Optional<JsonObject> group() {
    return get(apiPort(), "/v1/group")
        .filter(r -> r.statusCode() == 200)
        .map(r -> new JsonObject(r.body()));
  }

  /** True when it answers that it leads. */
  boolean leads() {
    return group().map(g -> "leader".equals(g.getString("role"))).orElse(false);
  }

  /** Its {@code GET /v1/services/NAME}; empty when it does not answer. */
  Optional<JsonObject> service(String service) {
    return get(apiPort(), "/v1/services/" + service)
        .filter(r -> r.statusCode() == 200)
        .map(r -> new JsonObject(r.body()));
  }

  /**
   * {@code PUT /v1/services/NAME/override} with this body; the answer's status and body (status 0
   * when it did not answer).
   */
  Answer putOverride(String service, JsonObject body) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request(apiPort(), "/v1/services/" + service + "/override")
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(body.encode()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted");
    }
  }

  /** An API answer: its status (0: no answer) and body. */
  record Answer(int status, String body) {}

  /** Its {@code /metrics} text; empty when it does not answer. */
  String metrics() {
    return get(apiPort(), "/metrics").map(HttpResponse::body).orElse("");
  }

  @Override
  public void close() {
    child.close();
  }

  /** A request to its API, with the suite's token ({@link ReplicaConfig#TOKEN}). */
  private static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(3))
        .header("Authorization", "Bearer " + ReplicaConfig.TOKEN);
  }

  private static Optional<HttpResponse<String>> get(int port, String path) {
    try {
      return Optional.of(
          HTTP.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty(); // not serving (yet, or any more)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
