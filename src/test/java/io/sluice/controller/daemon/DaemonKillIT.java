package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reliability fault 6 with a real process kill: {@code sluice run --endpoint} in a child JVM
 * against the sandbox in this one, killed with SIGKILL while a CLB task of its failover runs, then
 * started again on the same state directory. It must see the unfinished intent, converge from what
 * the cloud reports, and no request window may route to nothing throughout.
 */
final class DaemonKillIT {
  // a task outlives the kill and the restart's first read, so the plan is cut in the middle
  private static final String TASK_DURATION = "3s";
  // JVM start, the cold start's read and probe rounds, two 3 s tasks; then CI slack
  private static final Duration RESTART_BOUND = Duration.ofSeconds(90);
  private static final String UNFINISHED = "the previous run stopped in the middle of a change";
  private static final Pattern METRICS_AT =
      Pattern.compile("metrics at http://[^:]+:(\\d+)/metrics");

  // not a temporary folder: the children's logs are what explains a failure
  private final Path dir =
      Path.of("target", "daemon-kill-it", String.valueOf(ProcessHandle.current().pid()));
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  @Test
  void aDaemonKilledInTheMiddleOfAPlanSeesItOnRestartAndConverges() throws Exception {
    Files.createDirectories(dir);
    Path stateDir = dir.resolve("state");
    try (FaultCloud cloud = FaultCloud.start(TASK_DURATION)) {
      Path config = dir.resolve("sluice.yaml");
      Files.writeString(
          config,
          Files.readString(FaultWorld.DIR.resolve("sluice.yaml"))
              .replace("source: sandbox", "source: env"));
      Path firstLog = dir.resolve("first.log");
      Process first = sluiceRun(cloud, config, stateDir, firstLog);
      int port = await().atMost(RESTART_BOUND).until(() -> metricsPort(firstLog), p -> p > 0);
      await()
          .atMost(RESTART_BOUND)
          .until(
              () ->
                  metrics(port).contains(verdict("cvm", "UP") + " 1.0")
                      && metrics(port).contains(verdict("scf", "UP") + " 1.0"));

      try (TrafficSampler traffic = new TrafficSampler(cloud)) {
        cloud.stopCvm();
        await()
            .atMost(FaultWorld.FAILOVER_BOUND)
            .until(
                () ->
                    writeInFlight(FaultWorld.journalIn(stateDir))
                        && cloud.sandbox().tasks().busy(FaultWorld.LB));
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no journal close
        first.waitFor();
        assertThat(writeInFlight(FaultWorld.journalIn(stateDir))).isTrue();

        Path secondLog = dir.resolve("second.log");
        sluiceRun(cloud, config, stateDir, secondLog);
        await().atMost(RESTART_BOUND).until(cloud::onScf);
        await()
            .atMost(RESTART_BOUND)
            .until(() -> FaultWorld.outcomes(FaultWorld.journalIn(stateDir)).contains("APPLIED"));
        assertThat(Files.readString(secondLog))
            .contains(UNFINISHED)
            .contains("resuming the change to cvm=0,scf=100 that the previous run left unfinished");
        await()
            .atMost(FaultWorld.FAILOVER_BOUND)
            .until(() -> !traffic.samples().isEmpty() && traffic.samples().getLast().equals("scf"));
        traffic.close();
        assertThat(traffic.counts()).doesNotContainKeys("no-target", "no-answer");
        assertThat(traffic.emptyDnsAnswers()).isEmpty();
      }
      assertThat(cloud.rulesRoutingNowhere()).isEmpty();

      List<JsonNode> journal = FaultWorld.journalIn(stateDir);
      List<String> types = journal.stream().map(e -> e.path("type").asText()).toList();
      int firstIntent = types.indexOf("INTENT");
      int secondIntent = types.subList(firstIntent + 1, types.size()).indexOf("INTENT");
      assertThat(secondIntent)
          .as("the restarted daemon intended the failover again")
          .isNotNegative();
      assertThat(types.subList(firstIntent, firstIntent + 1 + secondIntent))
          .as("the killed run's intent got no outcome of its own; the restart closed it")
          .contains("STEP")
          .containsOnlyOnce("OUTCOME");
      assertThat(FaultWorld.outcomes(journal)).containsExactly("INTERRUPTED", "APPLIED");
      assertThat(
              Files.readAllLines(stateDir.resolve("audit.jsonl")).stream()
                  .filter(line -> line.contains("\"outcome\":\"INTERRUPTED"))
                  .toList())
          .as("the killed run's writes are audited once, by the restart")
          .hasSize(1)
          .allMatch(
              line -> line.contains("RegisterFunctionTargets") || line.contains("Deregister"));
    }
  }

  /**
   * The latest intent has a write after it and no outcome: a plan is in the middle (and with the
   * load balancer busy, its write has reached the cloud and its task runs).
   */
  private static boolean writeInFlight(List<JsonNode> journal) {
    List<String> types = journal.stream().map(e -> e.path("type").asText()).toList();
    int intent = types.lastIndexOf("INTENT");
    return intent >= 0
        && types.subList(intent, types.size()).contains("STEP")
        && !types.subList(intent, types.size()).contains("OUTCOME");
  }

  private Process sluiceRun(FaultCloud cloud, Path config, Path stateDir, Path log)
      throws IOException {
    ProcessBuilder builder =
        SluiceProcess.command(
            log,
            "run",
            "-c",
            config.toString(),
            "--endpoint",
            cloud.embedded().clientSettings().endpoint().orElseThrow(),
            "--state-dir",
            stateDir.toString(),
            "--listen",
            "127.0.0.1:0");
    Map<String, String> env = builder.environment();
    var credential = cloud.embedded().credential();
    env.put("TENCENTCLOUD_SECRET_ID", credential.getSecretId());
    env.put("TENCENTCLOUD_SECRET_KEY", credential.getSecretKey());
    for (String listener : List.of("lbl-cvm", "lbl-scf")) {
      String name = EmbeddedCloud.variable(listener);
      env.put(name, cloud.embedded().env(n -> null).apply(name));
    }
    Process child = builder.start();
    children.add(child);
    return child;
  }

  private static String verdict(String backend, String verdict) {
    return "sluice_backend_verdict{backend=\""
        + backend
        + "\",service=\"shop\",verdict=\""
        + verdict
        + "\"}";
  }

  private static String metrics(int port) {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return ""; // not serving yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The port the child reports it serves /metrics on (it binds port 0), or 0 before it has. */
  private static int metricsPort(Path log) throws IOException {
    Matcher matcher = METRICS_AT.matcher(Files.exists(log) ? Files.readString(log) : "");
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
  }
}
