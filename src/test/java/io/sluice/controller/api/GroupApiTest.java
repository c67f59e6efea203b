package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.MemoryCluster;
import io.sluice.controller.reconcile.RouteChange;
import io.sluice.policies.TrafficSplit;
import io.sluice.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API of a replica in a group, on a follower: overrides and resumes through it hold for the
 * group, it answers reads and shows the group, its audit entries name it, and a write only the
 * leader can make answers with where the leader is.
 */
final class GroupApiTest {
  @TempDir Path stateDir;
  // the follower's monotonic clock, which the group's follows (MemoryCluster maps it exactly)
  final AtomicLong nanos = new AtomicLong(-Duration.ofMinutes(7).toNanos());
  final MemoryCluster cluster = new MemoryCluster(nanos::get);
  final Group a = cluster.join("a");
  final Group b = cluster.join("b");
  final OverrideStore storeA =
      OverrideStore.shared(a, nanos::get, new MutableClock(Instant.parse("2026-11-24T10:00:00Z")));
  ApiHarness follower;

  @AfterEach
  void stop() throws Exception {
    if (follower != null) {
      follower.close();
    }
  }

  @Test
  void aFollowerTakesOverridesAndResumesForTheGroupAndItsAuditNamesIt() throws Exception {
    cluster.elect("a");
    follower = ApiHarness.inGroup(stateDir, nanos, b);

    HttpResponse<String> set =
        follower.put(
            "/v1/services/shop/override", ApiHarness.SHOP_OPERATOR, OperatorApiTest.PIN_SCF);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(storeA.current("shop")).map(OverrideRecord::describe).contains("pin scf");
    HttpResponse<String> resumed =
        follower.call(
            "POST", "/v1/services/shop/resume", ApiHarness.ADMIN, "{\"reason\":\"checked\"}");
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    assertThat(storeA.overrides("shop").resumeGeneration()).isEqualTo(1);

    HttpResponse<String> audit = follower.get("/v1/audit", ApiHarness.VIEWER);
    assertThat(audit.statusCode()).isEqualTo(200);
    JsonArray entries = new JsonObject(audit.body()).getJsonArray("entries");
    assertThat(entries).hasSize(2);
    entries.forEach(e -> assertThat(((JsonObject) e).getString("replica")).isEqualTo("b"));
    JsonObject shop = new JsonObject(follower.get("/v1/services/shop", ApiHarness.VIEWER).body());
    assertThat(shop.getJsonObject("override").getString("kind")).isEqualTo("pin");
    assertThat(shop.getLong("resumeGeneration")).isEqualTo(1);
  }

  @Test
  void aChangeWhoseOutcomeIsUnknownAnswers503IsAuditedAsUnknownAndTheNextReadShowsWhatLanded()
      throws Exception {
    cluster.elect("a");
    HeldGroup held = new HeldGroup(b);
    follower = ApiHarness.inGroup(stateDir, nanos, held);

    held.loseNextAnswer();
    HttpResponse<String> set =
        follower.put(
            "/v1/services/shop/override", ApiHarness.SHOP_OPERATOR, OperatorApiTest.PIN_SCF);
    OperatorApiTest.assertProblem(set, 503, null);
    assertThat(new JsonObject(set.body()).getString("detail")).contains("may or may not");
    assertThat(shop().getJsonObject("override").getString("kind")).isEqualTo("pin");

    held.loseNextAnswer();
    HttpResponse<String> cleared =
        follower.call("DELETE", "/v1/services/shop/override", ApiHarness.SHOP_OPERATOR, null);
    OperatorApiTest.assertProblem(cleared, 503, null);
    assertThat(shop().getValue("override")).isNull();

    held.loseNextAnswer();
    HttpResponse<String> resumed =
        follower.call(
            "POST", "/v1/services/shop/resume", ApiHarness.ADMIN, "{\"reason\":\"checked\"}");
    OperatorApiTest.assertProblem(resumed, 503, null);
    assertThat(shop().getLong("resumeGeneration")).isEqualTo(1);

    List<JsonObject> audit =
        new JsonObject(follower.get("/v1/audit?service=shop", ApiHarness.VIEWER).body())
            .getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
    assertThat(audit)
        .extracting(e -> e.getString("action"))
        .containsExactly("override.set", "override.clear", "resume");
    assertThat(audit)
        .allSatisfy(
            e -> {
              assertThat(e.getString("outcome")).isEqualTo("unknown");
              assertThat(e.getString("replica")).isEqualTo("b");
            });
    assertThat(audit.get(1).getString("before")).isEqualTo("pin scf");
    assertThat(audit.get(2).getLong("resumeGeneration")).isEqualTo(1);
  }

  @Test
  void anExpiryWhoseRemovalHasAnUnknownOutcomeIsAuditedAsUnknown() throws Exception {
    HeldGroup held = new HeldGroup(b);
    cluster.elect("b");
    ApiHarness leader = follower = ApiHarness.inGroup(stateDir, nanos, held);
    AuditLogTest.join(
        storeA.set(
            OverrideStoreTest.pin("shop", storeA.now(), Duration.ofMinutes(1), "req-a"),
            SharedOverrideStoreTest::confirmed));
    leader.ticks(59, Duration.ofSeconds(1));

    held.loseNextAnswer(); // the leader's removal of the expired override lands unanswered
    leader.ticks(2, Duration.ofSeconds(1));

    assertThat(new String(a.doc("overrides").current().orElseThrow().data(), "UTF-8"))
        .doesNotContain("req-a");
    List<JsonObject> expired =
        new JsonObject(leader.get("/v1/audit?service=shop", ApiHarness.VIEWER).body())
            .getJsonArray("entries").stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("action").equals("override.expired"))
                .toList();
    assertThat(expired).hasSize(1);
    assertThat(expired.getFirst().getString("overrideRequestId")).isEqualTo("req-a");
    assertThat(expired.getFirst().getString("outcome")).isEqualTo("unknown");
  }

  private JsonObject shop() throws Exception {
    return new JsonObject(follower.get("/v1/services/shop", ApiHarness.VIEWER).body());
  }

  @Test
  void theLeaderCarriesOutAnOverrideSetThroughAnotherReplicaAndEndsItOnTheGroupClock()
      throws Exception {
    cluster.elect("b");
    ApiHarness leader = follower = ApiHarness.inGroup(stateDir, nanos, b);
    leader.ticks(5, Duration.ofSeconds(1)); // read the cloud, warm up
    AuditLogTest.join(
        storeA.set(
            OverrideStoreTest.pin("shop", storeA.now(), Duration.ofMinutes(10), "req-a"),
            SharedOverrideStoreTest::confirmed));
    leader.wall.advance(Duration.ofDays(-1)); // the leader's wall clock jumps back a day

    leader.ticks(2, Duration.ofSeconds(1));
    assertThat(leader.clouds.get("shop").routed).isEqualTo(new TrafficSplit(0, 100));
    leader.ticks(10 * 60 - 3, Duration.ofSeconds(1));
    assertThat(leader.desk.store().current("shop")).as("not a moment early").isPresent();
    leader.ticks(1, Duration.ofSeconds(1));
    assertThat(storeA.current("shop")).isEmpty();
    assertThat(new String(a.doc("overrides").current().orElseThrow().data(), "UTF-8"))
        .doesNotContain("req-a");

    List<JsonObject> audit =
        new JsonObject(leader.get("/v1/audit?service=shop", ApiHarness.VIEWER).body())
            .getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
    assertThat(audit.stream().map(e -> e.getString("action")))
        .containsSubsequence("route.change", "override.expired");
    assertThat(audit).allSatisfy(e -> assertThat(e.getString("replica")).isEqualTo("b"));
    assertThat(audit.stream().filter(e -> e.getString("action").equals("route.change")))
        .allSatisfy(e -> assertThat(e.getLong("epoch")).isEqualTo(cluster.epoch()));
    assertThat(
            audit.stream()
                .filter(e -> e.getString("action").equals("override.expired"))
                .map(e -> e.getString("overrideRequestId")))
        .containsExactly("req-a");
  }

  @Test
  void aRouteChangeIsAuditedWithTheEpochItStartedInNotTheOneLedInWhenTheEntryIsWritten()
      throws Exception {
    cluster.elect("b"); // epoch 1
    ApiHarness leader = follower = ApiHarness.inGroup(stateDir, nanos, b);
    cluster.elect("a");
    cluster.elect("b"); // b leads again, in epoch 3, as its epoch-1 change is audited

    AuditLogTest.join(
        leader.desk.changed(
            new RouteChange(
                "shop",
                "shop",
                ApiHarness.ON_CVM,
                new TrafficSplit(0, 100),
                null,
                "cvm DOWN",
                "FAILED: FencedOut",
                List.of(),
                1)));

    JsonObject entry =
        new JsonObject(leader.get("/v1/audit?service=shop", ApiHarness.VIEWER).body())
            .getJsonArray("entries")
            .getJsonObject(0);
    assertThat(entry.getString("action")).isEqualTo("route.change");
    assertThat(entry.getLong("epoch")).isEqualTo(1);
  }

  @Test
  void theGroupEndpointShowsRoleLeaderAndReplicas() throws Exception {
    cluster.elect("a");
    follower = ApiHarness.inGroup(stateDir, nanos, b);

    HttpResponse<String> answer = follower.get("/v1/group", ApiHarness.VIEWER);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonObject group = new JsonObject(answer.body());
    assertThat(group.getString("replica")).isEqualTo("b");
    assertThat(group.getString("role")).isEqualTo("follower");
    assertThat(group.getLong("epoch")).as("it leads in none").isZero();
    assertThat(group.getLong("groupEpoch")).isEqualTo(cluster.epoch()).isPositive();
    assertThat(group.getJsonObject("leader").getString("name")).isEqualTo("a");
    assertThat(group.getJsonObject("leader").getString("api")).isEqualTo("http://a:7070");
    assertThat(group.getJsonArray("replicas").stream().map(r -> ((JsonObject) r).getString("name")))
        .containsExactly("a", "b");
  }

  @Test
  void statusPrintsTheGroupLineOnAFollowerAndOnTheLeader() throws Exception {
    cluster.elect("a");
    follower = ApiHarness.inGroup(stateDir, nanos, b);

    ApiCliTest.Run status =
        ApiCliTest.run("status", "--addr", follower.base(), "--token", ApiHarness.VIEWER);
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out().lines().findFirst())
        .contains(
            "group: replica b, follower in epoch 1; leader a at http://a:7070; replicas a, b");
    assertThat(status.out()).contains("SERVICE", "shop");

    cluster.elect("b");
    assertThat(
            ApiCliTest.run("status", "--addr", follower.base(), "--token", ApiHarness.VIEWER).out())
        .startsWith(
            "group: replica b, leader in epoch 2; leader b at http://b:7070; replicas a, b");
    assertThat(
            ApiCliTest.run(
                    "status", "--json", "--addr", follower.base(), "--token", ApiHarness.VIEWER)
                .out())
        .as("the JSON is the services' alone")
        .doesNotContain("group:");
  }

  @Test
  void aDaemonAloneShowsItselfSolo() throws Exception {
    try (ApiHarness solo = ApiHarness.start(stateDir)) {
      JsonObject group = new JsonObject(solo.get("/v1/group", ApiHarness.VIEWER).body());
      assertThat(group.getString("role")).isEqualTo("solo");
      assertThat(group.containsKey("leader")).isFalse();
      assertThat(group.getJsonArray("replicas")).isEmpty();
    }
  }

  @Test
  void aLeaderOnlyWriteOnAFollowerAnswersWithTheLeader() throws Exception {
    cluster.elect("a");
    Vertx vertx = Vertx.vertx();
    try {
      String leader = serveLeaderOnly(vertx, a);
      String follows = serveLeaderOnly(vertx, b);

      assertThat(post(leader).statusCode()).isEqualTo(200);
      HttpResponse<String> refused = post(follows);
      OperatorApiTest.assertProblem(refused, 409, "leader");
      JsonObject problem = new JsonObject(refused.body());
      assertThat(problem.getJsonObject("leader").getString("name")).isEqualTo("a");
      assertThat(problem.getJsonObject("leader").getString("api")).isEqualTo("http://a:7070");
      assertThat(problem.getString("detail")).contains("a at http://a:7070");

      cluster.expire("a"); // no leader until the next election
      HttpResponse<String> leaderless = post(follows);
      OperatorApiTest.assertProblem(leaderless, 503, null);
      assertThat(leaderless.headers().firstValue("Retry-After")).contains("1");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A server with one leader-only write, {@code POST /act}, behind the API's guard. */
  private static String serveLeaderOnly(Vertx vertx, Group group) throws Exception {
    Router router = Router.router(vertx);
    router
        .post("/act")
        .handler(new GroupHandlers(group).leaderOnly())
        .handler(ctx -> ctx.response().end("done"));
    router.route().failureHandler(Failures::handle);
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + server.actualPort() + "/act";
  }

  private static HttpResponse<String> post(String url) throws Exception {
    return ApiHarness.plainClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
