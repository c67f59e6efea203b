package io.sluice.controller.cli;

import io.sluice.controller.daemon.EmbeddedCloud;
import io.sluice.controller.daemon.ListenAddress;
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
import java.util.concurrent.TimeUnit;

/**
 * The replicas of {@code sluice demo --replicas N}, each a {@code sluice run} process of its own
 * against the demo's sandbox and ZooKeeper (which stay in the demo's process), so that one can be
 * killed with {@code kill -9} and another seen taking over.
 */
final class DemoReplicas implements AutoCloseable {
  /** How long a replica may take to serve its API after it is started. */
  static final Duration START_DEADLINE = Duration.ofSeconds(90);

  static final Duration STOP_GRACE = Duration.ofSeconds(15);

  /** A replica process: its name, API address, process and log file. */
  record Replica(String name, ListenAddress api, Process process, Path log) {
    long pid() {
      return process.pid();
    }

    String url() {
      return "http://" + api.host() + ":" + api.port();
    }
  }

  private final List<Replica> replicas;

  private DemoReplicas(List<Replica> replicas) {
    this.replicas = List.copyOf(replicas);
  }

  /**
   * Starts one {@code sluice run} per replica of {@code group}, with the sandbox's key and VIP
   * ports in its environment and its log in {@code state/NAME.log}.
   */
  static DemoReplicas launch(
      DemoGroup group, Path config, Path state, EmbeddedCloud cloud, Map<String, String> variables)
      throws IOException {
    List<Replica> started = new ArrayList<>();
    try {
      for (int i = 0; i < group.names().size(); i++) {
        String name = group.names().get(i);
        ListenAddress api = group.apis().get(i);
        Path log = state.resolve(name + ".log");
        ProcessBuilder builder =
            new ProcessBuilder(
                    javaCommand(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    SluiceCommand.class.getName(),
                    "run",
                    "-c",
                    config.toString(),
                    "--endpoint",
                    cloud.sandbox().apiEndpoint(),
                    "--replica",
                    name,
                    "--listen",
                    api.host() + ":" + api.port(),
                    "--state-dir",
                    state.resolve(name).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(cloud.variables());
        env.putAll(variables);
        env.put("TENCENTCLOUD_SECRET_ID", cloud.credential().getSecretId());
        env.put("TENCENTCLOUD_SECRET_KEY", cloud.credential().getSecretKey());
        started.add(new Replica(name, api, builder.start(), log));
      }
    } catch (IOException | RuntimeException e) {
      new DemoReplicas(started).close();
      throw e;
    }
    return new DemoReplicas(started);
  }

  List<Replica> replicas() {
    return replicas;
  }

  /**
   * Waits until every replica answers {@code /healthz}.
   *
   * @throws IOException naming the replica and its log when one exits or does not answer in time
   */
  void awaitServing() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    for (Replica replica : replicas) {
      while (!answers(http, replica)) {
        if (!replica.process().isAlive()) {
          throw new IOException(
              "replica "
                  + replica.name()
                  + " exited with "
                  + replica.process().exitValue()
                  + "; its log: "
                  + replica.log()
                  + "\n"
                  + tail(replica.log()));
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IOException(
              "replica "
                  + replica.name()
                  + " did not serve "
                  + replica.url()
                  + "/healthz within "
                  + START_DEADLINE.toSeconds()
                  + " s; its log: "
                  + replica.log());
        }
        // a child JVM starting: poll its API, not a result this process waits for
        replica.process().waitFor(200, TimeUnit.MILLISECONDS);
      }
    }
  }

  private static boolean answers(HttpClient http, Replica replica) throws InterruptedException {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(replica.url() + "/healthz"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Stops every replica that still runs: SIGTERM, then SIGKILL after the grace period. */
  @Override
  public void close() {
    replicas.forEach(r -> r.process().destroy());
    for (Replica replica : replicas) {
      try {
        if (!replica.process().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          replica.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        replica.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
