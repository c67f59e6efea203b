package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sluice demo --replicas 3} as its guide tells a user to try it: three replica processes,
 * one leads; {@code kill -9} of the leader, and another leads in a newer epoch within the session
 * timeout and an election, while the cloud's routing is left where it was.
 */
final class DemoReplicasIT {
  // three JVMs starting on two cores, then the sandbox's probes; the rest is slack
  private static final Duration START_BOUND = Duration.ofSeconds(150);
  // the demo's session timeout (4 s), the election and the epoch write, and slack for a busy CI
  private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(4 + 2 + 10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aKilledLeaderIsReplacedInANewerEpochAndTrafficStays(@TempDir Path state) throws Exception {
    DemoCommand command = new DemoCommand();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "--replicas", "3", "--listen", "127.0.0.1:0", "--state-dir", state.toString()),
            task -> new Thread(task, "sluice-demo-replicas").start());
    try {
      await("the group serves")
          .atMost(START_BOUND)
          .until(() -> command.group != null || exit.isDone());
      assertThat(exit).as("the demo exited early: " + out).isNotDone();
      List<DemoReplicas.Replica> replicas = command.group.replicas();
      assertThat(out.toString()).contains("kill -9", "zone-a", "zone-b", "zone-c");

      DemoReplicas.Replica leader =
          await("one replica leads")
              .atMost(START_BOUND)
              .until(() -> leaderSeenByAll(command, replicas), Optional::isPresent)
              .orElseThrow();
      long epoch = group(command, leader).path("epoch").asLong();
      int routingChanges = command.sandbox.routing().changes().size();

      leader.process().destroyForcibly();
      List<DemoReplicas.Replica> survivors = replicas.stream().filter(r -> r != leader).toList();
      long killed = System.nanoTime();
      DemoReplicas.Replica next =
          await("another replica leads")
              .atMost(TAKEOVER_BOUND)
              .until(() -> leaderSeenByAll(command, survivors), Optional::isPresent)
              .orElseThrow();
      System.out.printf(
          "takeover after kill -9 of %s: %d ms%n",
          leader.name(), Duration.ofNanos(System.nanoTime() - killed).toMillis());

      assertThat(next.name()).isNotEqualTo(leader.name());
      assertThat(group(command, next).path("epoch").asLong()).isGreaterThan(epoch);
      assertThat(command.sandbox.routing().changes())
          .as("a takeover moves no traffic")
          .hasSize(routingChanges);
    } finally {
      command.stop.countDown();
    }
    assertThat(exit.get()).isZero();
    assertThat(command.group.replicas()).noneMatch(r -> r.process().isAlive());
  }

  /** The replica every one of {@code replicas} names as leader, when they agree and it is one. */
  private Optional<DemoReplicas.Replica> leaderSeenByAll(
      DemoCommand command, List<DemoReplicas.Replica> replicas) {
    String named = null;
    for (DemoReplicas.Replica replica : replicas) {
      JsonNode group;
      try {
        group = group(command, replica);
      } catch (Exception notServing) {
        return Optional.empty();
      }
      String leader = group.path("leader").path("name").asText(null);
      if (leader == null || (named != null && !named.equals(leader))) {
        return Optional.empty();
      }
      named = leader;
    }
    String agreed = named;
    return replicas.stream().filter(r -> r.name().equals(agreed)).findFirst();
  }

  private JsonNode group(DemoCommand command, DemoReplicas.Replica replica) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(replica.url() + "/v1/group"))
                .header("Authorization", "Bearer " + command.token)
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
