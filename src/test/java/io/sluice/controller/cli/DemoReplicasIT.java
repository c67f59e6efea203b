package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.daemon.Daemon;
import io.sluice.controller.daemon.SandboxClients;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice demo --replicas 3} as docs/ha.md's quick start runs it: an embedded ZooKeeper
 * server, the sandbox and replicas zone-a to zone-c; one leads, {@code GET /v1/group} answers on
 * every replica with the demo's token (and only with it), and shop fails over when its CVM
 * instances stop, by the leader.
 */
final class DemoReplicasIT {
  private static final String SHOP = "shop.sluice.local";
  // the replicas join, probes rise 2 x 1s, warm-up ticks; then slack for a loaded machine
  private static final Duration LEADER_BOUND = Duration.ofSeconds(30);
  // fall 3 x 1s, confirmFor 3s, a tick, the CLB tasks; then slack (DemoIT's)
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path stateDir;
  private RunningDemo demo;

  @AfterEach
  void stop() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void oneOfThreeReplicasLeadsTheGroupAnswersWithTheTokenAndShopFailsOver() throws Exception {
    demo = RunningDemo.start(stateDir, "--replicas", "3");
    List<Daemon> replicas = demo.command.daemons;
    assertThat(replicas).hasSize(3);

    await("one leader that every replica names")
        .atMost(LEADER_BOUND)
        .ignoreExceptions()
        .until(() -> leader(replicas).isPresent());
    String leader = leader(replicas).orElseThrow();
    assertThat(get(replicas.getFirst(), "/v1/group", Optional.empty()).statusCode())
        .as("the group is no one's business without a token")
        .isEqualTo(401);
    await("shop on CVM")
        .atMost(FAILOVER_BOUND)
        .until(() -> SandboxClients.dns(demo.sandbox().dnsPort(), SHOP).equals("127.0.0.1"));

    demo.breakCvm();

    await("shop answered by SCF")
        .atMost(FAILOVER_BOUND)
        .until(
            () ->
                SandboxClients.get(demo.sandbox().vipPort("lb-cvm", "lbl-cvm"), SHOP)
                    .contains("Hello CLB"));
    for (Daemon replica : replicas) {
      String name = group(replica).getString("replica");
      await(name + " audits shop's change, if it leads")
          .atMost(FAILOVER_BOUND)
          .until(() -> audited(replica) == name.equals(leader));
    }
  }

  /** The replica every replica's {@code /v1/group} names as the one that leads, if they agree. */
  private Optional<String> leader(List<Daemon> replicas) throws Exception {
    List<JsonObject> views = replicas.stream().map(this::group).toList();
    List<String> leading =
        views.stream()
            .filter(v -> v.getString("role").equals("leader"))
            .map(v -> v.getString("replica"))
            .toList();
    boolean named =
        views.stream()
            .allMatch(
                v ->
                    v.getJsonObject("leader") != null
                        && leading.contains(v.getJsonObject("leader").getString("name")));
    return leading.size() == 1 && named ? Optional.of(leading.getFirst()) : Optional.empty();
  }

  private boolean audited(Daemon replica) throws Exception {
    return get(replica, "/v1/audit?service=shop", Optional.of(demo.token()))
        .body()
        .contains("\"route.change\"");
  }

  private JsonObject group(Daemon replica) {
    try {
      HttpResponse<String> answer = get(replica, "/v1/group", Optional.of(demo.token()));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      return new JsonObject(answer.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(Daemon replica, String path, Optional<String> token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.httpPort() + path))
            .timeout(Duration.ofSeconds(5));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
