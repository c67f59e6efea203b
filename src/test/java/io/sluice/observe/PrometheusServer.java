package io.sluice.observe;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.ExternalTool;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus (Debian's {@code prometheus}) on loopback for one test: it binds port 0 itself
 * and the port is read from its own "Listening on" log line, so no port is ever picked for it.
 */
final class PrometheusServer implements AutoCloseable {
  static final String INSTALL_HINT = "sudo apt-get install prometheus, which has promtool too";
  private static final Pattern LISTENING =
      // "Listening on" address=127.0.0.1:41569, in the log formats of Prometheus 2 and 3
      Pattern.compile("Listening on\\S*\\s+address=127\\.0\\.0\\.1:(\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts Prometheus scraping {@code target} (job {@code sluice}) every {@code interval} and
   * evaluating {@code rules} as often.
   */
  static PrometheusServer start(Path dir, String target, Path rules, Duration interval)
      throws IOException {
    Path binary = ExternalTool.require("prometheus", INSTALL_HINT);
    String seconds = interval.toMillis() + "ms";
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global:",
            "  scrape_interval: " + seconds,
            "  evaluation_interval: " + seconds,
            "rule_files: ['" + rules.toAbsolutePath() + "']",
            "scrape_configs:",
            "  - job_name: sluice",
            "    static_configs: [{ targets: ['" + target + "'] }]",
            ""));
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:0",
                "--log.level=info")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      int port =
          await("Prometheus listening (" + log + ")")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> listeningPort(log, process), Optional::isPresent)
              .orElseThrow();
      return new PrometheusServer(process, log, port);
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static Optional<Integer> listeningPort(Path log, Process process) throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
    }
    Matcher m = LISTENING.matcher(Files.readString(log));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The result vector of an instant query. */
  List<JsonNode> query(String promql) throws IOException, InterruptedException {
    JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    List<JsonNode> result = new ArrayList<>();
    body.path("data").path("result").forEach(result::add);
    return result;
  }

  /** The single value of an instant query, empty when the query has no result. */
  Optional<Double> value(String promql) throws IOException, InterruptedException {
    List<JsonNode> result = query(promql);
    if (result.size() > 1) {
      throw new AssertionError(promql + " has " + result.size() + " series: " + result);
    }
    return result.stream().findFirst().map(r -> r.path("value").get(1).asDouble());
  }

  JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
