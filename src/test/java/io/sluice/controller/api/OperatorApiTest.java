package io.sluice.controller.api;

import static io.sluice.controller.api.ApiHarness.ADMIN;
import static io.sluice.controller.api.ApiHarness.ADMIN_NEXT;
import static io.sluice.controller.api.ApiHarness.SHOP_OPERATOR;
import static io.sluice.controller.api.ApiHarness.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.config.NotificationsConfig;
import io.sluice.controller.notify.Notification;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint, every role, and the overrides' whole life, on a fake clock. */
final class OperatorApiTest {
  static final String PIN_SCF = "{\"pin\":\"scf\",\"ttl\":\"10m\",\"reason\":\"cvm deploy\"}";
  @TempDir Path stateDir;
  ApiHarness api;

  @BeforeEach
  void start() throws Exception {
    api = ApiHarness.start(stateDir);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  @Test
  void statusEndpointsAreOpenAndTheRestNeedsAToken() throws Exception {
    assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(api.get("/readyz", null).statusCode()).isEqualTo(200);
    assertThat(api.get("/metrics", null).statusCode()).isEqualTo(200);

    for (String path : List.of("/v1/services", "/v1/services/shop", "/v1/audit")) {
      HttpResponse<String> missing = api.get(path, null);
      assertProblem(missing, 401, "Authorization");
      assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      assertThat(missing.body()).doesNotContain("token-0001");
      assertProblem(api.get(path, "not-a-token"), 401, "Authorization");
    }
    assertProblem(
        api.getAuthorized("/v1/services", "Basic dmlld2VyOnZpZXdlci10b2tlbi0wMDAx"),
        401,
        "Authorization");
    assertProblem(api.getAuthorized("/v1/services", "Bearer"), 401, "Authorization");
  }

  @Test
  void theStatusPageNeedsNoTokenHoldsNoDataAndAllowsOnlyItsOwnScripts(@TempDir Path elsewhere)
      throws Exception {
    for (ApiHarness harness :
        List.of(
            api,
            // the page stays open when the status endpoints are closed: it holds no data
            ApiHarness.start(
                elsewhere,
                yaml -> yaml.replace("  api:\n", "  api:\n    openEndpoints: false\n"),
                ApiHarness.plainClient()))) {
      HttpResponse<String> page = harness.get("/", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
          .contains("script-src 'self'", "default-src 'none'", "connect-src 'self'");
      assertThat(page.body()).contains("/page/status.js").doesNotContain("shop", "cvm=");
      assertThat(harness.get("/page/status.js", null).headers().firstValue("content-type"))
          .contains("text/javascript; charset=utf-8");
      assertThat(harness.get("/page/status.css", null).statusCode()).isEqualTo(200);
      // only the page's own files are open
      assertProblem(harness.get("/page/other.js", null), 401, "Authorization");
      if (harness != api) {
        harness.close();
      }
    }
  }

  @Test
  void whoamiTellsTheCallerItsRoleAndScope() throws Exception {
    JsonObject operator = new JsonObject(api.get("/v1/whoami", SHOP_OPERATOR).body());
    assertThat(operator.getString("role")).isEqualTo("operator");
    assertThat(operator.getJsonArray("services").getList()).containsExactly("shop");
    assertThat(operator.getBoolean("mayResume")).isFalse();
    JsonObject viewer = new JsonObject(api.get("/v1/whoami", VIEWER).body());
    assertThat(viewer.getString("role")).isEqualTo("viewer");
    assertThat(new JsonObject(api.get("/v1/whoami", ADMIN).body()).getBoolean("mayResume"))
        .isTrue();
    assertProblem(api.get("/v1/whoami", null), 401, "Authorization");
  }

  @Test
  void closedStatusEndpointsWantAToken(@TempDir Path elsewhere) throws Exception {
    try (ApiHarness closed =
        ApiHarness.start(
            elsewhere,
            yaml -> yaml.replace("  api:\n", "  api:\n    openEndpoints: false\n"),
            ApiHarness.plainClient())) {
      for (String path : List.of("/healthz", "/readyz", "/metrics")) {
        assertProblem(closed.get(path, null), 401, "Authorization");
        assertThat(closed.get(path, VIEWER).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void everyRoleReadsAndSeveralAdminTokensWorkAtOnce() throws Exception {
    api.ticks(5, Duration.ofSeconds(1));
    for (String token : List.of(VIEWER, SHOP_OPERATOR, ADMIN, ADMIN_NEXT)) {
      HttpResponse<String> services = api.get("/v1/services", token);
      assertThat(services.statusCode()).isEqualTo(200);
      JsonArray list = new JsonObject(services.body()).getJsonArray("services");
      assertThat(list.stream().map(s -> ((JsonObject) s).getString("name")))
          .containsExactly("shop", "lab");
      JsonObject shop = new JsonObject(api.get("/v1/services/shop", token).body());
      assertThat(shop.getJsonObject("health").getJsonObject("cvm").getString("verdict"))
          .isEqualTo("UP");
      // the handlers run on the daemon's context, where the health board may be read
      // (each request on a duplicate of it, as Vert.x gives every request)
      assertThat(((io.vertx.core.internal.ContextInternal) api.healthReadOn).unwrap())
          .isSameAs(api.context);
      JsonObject route = shop.getJsonArray("routes").getJsonObject(0);
      assertThat(route.getString("actual")).isEqualTo("cvm=100,scf=0");
      assertThat(route.getString("desired")).isEqualTo("cvm=100,scf=0");
      assertThat(route.getJsonArray("decisions")).isNotEmpty();
      assertThat(api.get("/v1/services/shop/explain", token).statusCode()).isEqualTo(200);
      assertThat(api.get("/v1/audit", token).statusCode()).isEqualTo(200);
      assertThat(api.get("/v1/openapi.yaml", token).body()).isEqualTo(OperatorApi.document());
    }
  }

  @Test
  void viewersCannotChangeAndOperatorsOnlyTheirServices() throws Exception {
    assertProblem(api.put("/v1/services/shop/override", VIEWER, PIN_SCF), 403, null);
    assertProblem(api.put("/v1/services/lab/override", SHOP_OPERATOR, PIN_SCF), 403, null);
    assertThat(api.put("/v1/services/shop/override", SHOP_OPERATOR, PIN_SCF).statusCode())
        .isEqualTo(200);
    assertThat(api.put("/v1/services/lab/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    assertProblem(api.call("DELETE", "/v1/services/shop/override", VIEWER, null), 403, null);
    assertProblem(
        api.call("POST", "/v1/services/shop/resume", SHOP_OPERATOR, "{\"reason\":\"r\"}"),
        403,
        null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown field|{\"pin\":\"scf\",\"ttl\":\"10m\",\"reason\":\"r\",\"admin\":true}|admin",
        "ttl 0|{\"pin\":\"scf\",\"ttl\":\"0s\",\"reason\":\"r\"}|ttl",
        "ttl over the cap|{\"pin\":\"scf\",\"ttl\":\"2h\",\"reason\":\"r\"}|ttl",
        "ttl without a unit|{\"pin\":\"scf\",\"ttl\":\"10\",\"reason\":\"r\"}|ttl",
        "split of 101|{\"split\":{\"cvm\":101,\"scf\":0},\"ttl\":\"10m\",\"reason\":\"r\"}|split.cvm",
        "split not summing to 100|{\"split\":{\"cvm\":70,\"scf\":20},\"ttl\":\"10m\",\"reason\":\"r\"}|split",
        "unknown backend in a split|{\"split\":{\"cvm\":70,\"ecs\":30},\"ttl\":\"10m\",\"reason\":\"r\"}|split",
        "unknown backend pinned|{\"pin\":\"ecs\",\"ttl\":\"10m\",\"reason\":\"r\"}|pin",
        "no reason|{\"pin\":\"scf\",\"ttl\":\"10m\"}|body",
        "empty reason|{\"pin\":\"scf\",\"ttl\":\"10m\",\"reason\":\"\"}|reason",
        "pin and split|{\"pin\":\"scf\",\"split\":{\"cvm\":50},\"ttl\":\"10m\",\"reason\":\"r\"}|pin|split|pause",
        "nothing asked|{\"ttl\":\"10m\",\"reason\":\"r\"}|pin|split|pause",
        "not JSON|pin=scf|body",
      })
  void invalidOverridesAreRejectedNamingTheField(String what, String body, String field)
      throws Exception {
    HttpResponse<String> answer = api.put("/v1/services/shop/override", ADMIN, body);

    assertProblem(answer, 400, null);
    JsonObject problem = new JsonObject(answer.body());
    assertThat(problem.getString("field")).as(answer.body()).startsWith(field.split("\\|")[0]);
    assertThat(problem.getString("rule")).isNotBlank();
    assertThat(api.desk.store().current("shop")).isEmpty();
  }

  @Test
  void unknownAndMalformedServiceNamesAreRejected() throws Exception {
    assertProblem(api.get("/v1/services/nope", VIEWER), 404, "name");
    assertProblem(api.put("/v1/services/nope/override", ADMIN, PIN_SCF), 404, "name");
    assertProblem(api.get("/v1/services/Http:%2F%2Fevil", VIEWER), 400, null);
    assertProblem(api.get("/v1/audit?service=nope", VIEWER), 404, "name");
  }

  @Test
  void routingToADownBackendWhileTheOtherIsUpNeedsForce() throws Exception {
    api.verdicts.get("shop").put(Backend.SCF, Verdict.DOWN);

    HttpResponse<String> unforced = api.put("/v1/services/shop/override", ADMIN, PIN_SCF);
    assertProblem(unforced, 409, "force");
    assertThat(api.desk.store().current("shop")).isEmpty();
    assertProblem(
        api.put(
            "/v1/services/shop/override",
            ADMIN,
            "{\"split\":{\"cvm\":90,\"scf\":10},\"ttl\":\"10m\",\"reason\":\"r\"}"),
        409,
        "force");

    HttpResponse<String> forced =
        api.put(
            "/v1/services/shop/override",
            ADMIN,
            "{\"pin\":\"scf\",\"ttl\":\"10m\",\"reason\":\"r\",\"force\":true}");
    assertThat(forced.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(forced.body()).getBoolean("forced")).isTrue();
    // pinning to the UP backend needs no force
    assertThat(
            api.put(
                    "/v1/services/lab/override",
                    ADMIN,
                    "{\"pin\":\"cvm\",\"ttl\":\"10m\",\"reason\":\"r\"}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void anOverrideMovesTrafficExpiresByItselfAndAutomationTakesBack() throws Exception {
    api.ticks(5, Duration.ofSeconds(1)); // read the cloud, warm up
    assertThat(api.clouds.get("shop").routed).isEqualTo(ApiHarness.ON_CVM);

    HttpResponse<String> set = api.put("/v1/services/shop/override", SHOP_OPERATOR, PIN_SCF);
    assertThat(set.statusCode()).isEqualTo(200);
    String requestId = set.headers().firstValue("X-Request-Id").orElseThrow();
    api.ticks(2, Duration.ofSeconds(1));
    assertThat(api.clouds.get("shop").routed).isEqualTo(new TrafficSplit(0, 100));
    assertThat(overrideGauge("shop")).isEqualTo(1);
    assertThat(overrideGauge("lab")).isZero();
    String pinnedAt = api.wall.instant().toString();
    JsonObject explained =
        new JsonObject(api.get("/v1/services/shop/explain?at=" + pinnedAt, VIEWER).body());
    JsonObject why = explained.getJsonArray("routes").getJsonObject(0);
    assertThat(why.getString("split")).isEqualTo("cvm=0,scf=100");
    assertThat(why.getString("rule")).contains("override");
    assertThat(why.getJsonObject("override").getString("actor")).isEqualTo("shop-operator");

    api.ticks(10 * 60, Duration.ofSeconds(1)); // the 10m TTL runs out
    assertThat(api.desk.store().current("shop")).isEmpty();
    assertThat(overrideGauge("shop")).isZero();
    assertThat(new JsonObject(api.get("/v1/services/shop", VIEWER).body()).getValue("override"))
        .isNull();
    api.ticks(4 * 60, Duration.ofSeconds(1)); // failback.after 60s, steps 30s apart
    assertThat(api.clouds.get("shop").routed)
        .as(api.get("/v1/services/shop", VIEWER).body())
        .isEqualTo(ApiHarness.ON_CVM);
    JsonObject now =
        new JsonObject(api.get("/v1/services/shop/explain", VIEWER).body())
            .getJsonArray("routes")
            .getJsonObject(0);
    assertThat(now.getValue("override")).isNull();
    assertThat(now.getString("why")).startsWith("automation");
    // the explain of the pinned moment is still the override's
    assertThat(
            new JsonObject(api.get("/v1/services/shop/explain?at=" + pinnedAt, VIEWER).body())
                .getJsonArray("routes")
                .getJsonObject(0)
                .getString("why"))
        .startsWith("operator override (pin scf by shop-operator");

    List<JsonObject> audit = audit("/v1/audit?service=shop");
    assertThat(audit.stream().map(e -> e.getString("action")))
        .containsSubsequence("override.set", "route.change", "override.expired", "route.change");
    JsonObject setEntry =
        audit.stream()
            .filter(e -> e.getString("action").equals("override.set"))
            .findFirst()
            .orElseThrow();
    assertThat(setEntry.getString("actor")).isEqualTo("shop-operator");
    assertThat(setEntry.getString("requestId")).isEqualTo(requestId);
    assertThat(setEntry.getString("source")).isEqualTo("127.0.0.1");
    assertThat(setEntry.getString("ttl")).isEqualTo("10m");
    assertThat(setEntry.getString("reason")).isEqualTo("cvm deploy");
    assertThat(setEntry.getBoolean("force")).isFalse();
    assertThat(setEntry.getString("before")).isEqualTo("automation");
    assertThat(setEntry.getString("after")).isEqualTo("pin scf");
    JsonObject change =
        audit.stream()
            .filter(e -> e.getString("action").equals("route.change"))
            .findFirst()
            .orElseThrow();
    assertThat(change.getString("after")).isEqualTo("cvm=0,scf=100");
    assertThat(change.getString("decision")).contains("override");
    assertThat(change.getJsonArray("cloudRequestIds")).isNotEmpty();
    assertThat(change.getJsonArray("steps").getJsonObject(0).getString("outcome"))
        .isEqualTo("APPLIED");
    assertThat(audit("/v1/audit?service=lab")).isEmpty();
    assertThat(audit("/v1/audit?service=shop&since=1m"))
        .allSatisfy(e -> assertThat(e.getString("action")).isEqualTo("route.change"));
  }

  @Test
  void clearingHandsControlBackAndIsAudited() throws Exception {
    api.ticks(5, Duration.ofSeconds(1));
    assertThat(api.put("/v1/services/shop/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    api.ticks(2, Duration.ofSeconds(1));
    HttpResponse<String> cleared = api.call("DELETE", "/v1/services/shop/override", ADMIN, null);
    assertThat(cleared.statusCode()).isEqualTo(200);
    assertProblem(api.call("DELETE", "/v1/services/shop/override", ADMIN, null), 404, "override");
    assertThat(audit("/v1/audit?service=shop").stream().map(e -> e.getString("action")))
        .contains("override.clear");
    assertThat(api.desk.overrides("shop").active()).isEmpty();
  }

  @Test
  void everyOperatorActionIsAnnouncedOnceItsAuditEntryIsWritten() throws Exception {
    List<Notification> heard = new ArrayList<>();
    api.desk.notifyTo(heard::add);
    api.verdicts.get("shop").put(Backend.CVM, Verdict.DOWN);

    assertProblem(
        api.put("/v1/services/shop/override", ADMIN, PIN_SCF.replace("scf", "cvm")), 409, "force");
    assertThat(heard).as("a refused override is no action").isEmpty();
    assertThat(api.put("/v1/services/shop/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    assertThat(api.call("DELETE", "/v1/services/shop/override", ADMIN, null).statusCode())
        .isEqualTo(200);
    assertThat(api.put("/v1/services/shop/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    api.advance(Duration.ofMinutes(10));
    api.tick();

    assertThat(heard)
        .allSatisfy(
            n -> {
              assertThat(n.event()).isEqualTo(NotificationsConfig.Event.OVERRIDE);
              assertThat(n.service()).isEqualTo("shop");
            });
    assertThat(heard.stream().map(Notification::after))
        .containsExactly("pin scf", "automation", "pin scf", "override.expired");
    assertThat(heard.getFirst().reason()).isEqualTo("by admin: cvm deploy");
  }

  @Test
  void aChangeWhoseAuditEntryCannotBeWrittenIsUndoneAndAnswered503() throws Exception {
    api.disk.fail(2); // the overrides file is forced first, then the audit entry

    HttpResponse<String> answer = api.put("/v1/services/shop/override", ADMIN, PIN_SCF);

    assertProblem(answer, 503, null);
    assertThat(new JsonObject(answer.body()).getString("title")).isEqualTo("audit log unavailable");
    assertThat(api.desk.store().current("shop")).isEmpty();
    assertThat(internalErrors("audit")).isEqualTo(1);
    assertThat(audit("/v1/audit?service=shop")).isEmpty();
    api = api.restart();
    assertThat(api.desk.store().current("shop")).as("the file was written back").isEmpty();
  }

  @Test
  void aChangeWhoseFileCannotBeWrittenIsAnswered503AndNothingChanges() throws Exception {
    api.disk.fail(1);

    HttpResponse<String> answer = api.put("/v1/services/shop/override", ADMIN, PIN_SCF);

    assertProblem(answer, 503, null);
    assertThat(new JsonObject(answer.body()).getString("title"))
        .isEqualTo("override store unavailable");
    assertThat(api.desk.store().current("shop")).isEmpty();
    assertThat(audit("/v1/audit?service=shop")).isEmpty();
    assertThat(internalErrors("overrides")).isEqualTo(1);
    // the disk is back: the next change goes through
    assertThat(api.put("/v1/services/shop/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
  }

  /** Issue item 4: one expired override's lost audit entry does not drop the others silently. */
  @Test
  void whenOneExpiredOverridesAuditEntryFailsTheOthersAreStillExpiredAndAudited() throws Exception {
    assertThat(api.put("/v1/services/shop/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    assertThat(api.put("/v1/services/lab/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    List<Notification> heard = new ArrayList<>();
    api.desk.notifyTo(heard::add);
    api.advance(Duration.ofMinutes(10));
    // the overrides file without both, then lab's entry (lab comes first), then shop's
    api.disk.fail(2);

    api.tick();

    assertThat(api.desk.store().current("shop")).isEmpty();
    assertThat(api.desk.store().current("lab")).isEmpty();
    assertThat(audit("/v1/audit?service=shop").getLast().getString("action"))
        .isEqualTo("override.expired");
    assertThat(audit("/v1/audit?service=lab").getLast().getString("action"))
        .as("lab's entry was lost")
        .isEqualTo("override.set");
    assertThat(internalErrors("audit")).as("and the loss counted").isEqualTo(1);
    assertThat(heard).extracting(Notification::service).containsExactly("shop");
    api = api.restart();
    assertThat(api.desk.overrides("lab").active()).as("and expired on disk").isEmpty();
  }

  @Test
  void resumeRaisesTheGenerationThePolicyReads() throws Exception {
    HttpResponse<String> resumed =
        api.call("POST", "/v1/services/shop/resume", ADMIN, "{\"reason\":\"flapping fixed\"}");
    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(api.desk.overrides("shop").resumeGeneration()).isEqualTo(1);
    assertThat(api.desk.overrides("lab").resumeGeneration()).isZero();
    assertProblem(api.call("POST", "/v1/services/shop/resume", ADMIN, "{}"), 400, null);
    assertThat(audit("/v1/audit?service=shop").getLast().getString("action")).isEqualTo("resume");
  }

  @Test
  void overridesSurviveARestartAndStillExpireOnTime() throws Exception {
    assertThat(api.put("/v1/services/shop/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    api.advance(Duration.ofMinutes(4));

    api = api.restart();

    JsonObject kept = new JsonObject(api.get("/v1/services/shop", VIEWER).body());
    assertThat(kept.getJsonObject("override").getString("kind")).isEqualTo("pin");
    assertThat(api.desk.overrides("shop").active()).isPresent();
    api.advance(Duration.ofMinutes(6).minusSeconds(1));
    api.tick();
    assertThat(api.desk.store().current("shop")).isPresent();
    api.advance(Duration.ofSeconds(1));
    api.tick();
    assertThat(api.desk.store().current("shop")).isEmpty();
    assertThat(audit("/v1/audit?service=shop").getLast().getString("action"))
        .isEqualTo("override.expired");
  }

  @Test
  void mutationsAreRateLimitedPerToken() throws Exception {
    for (int i = 0; i < api.config.controller().api().mutationsPerMinute(); i++) {
      assertThat(api.put("/v1/services/lab/override", ADMIN, PIN_SCF).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = api.put("/v1/services/lab/override", ADMIN, PIN_SCF);
    assertProblem(limited, 429, null);
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    // another token has its own budget
    assertThat(api.put("/v1/services/lab/override", ADMIN_NEXT, PIN_SCF).statusCode())
        .isEqualTo(200);
  }

  @Test
  void explainBeforeAnyDecisionIsAProblemAndABadTimeIsRejected() throws Exception {
    assertProblem(api.get("/v1/services/shop/explain", VIEWER), 404, "at");
    assertProblem(api.get("/v1/services/shop/explain?at=yesterday", VIEWER), 400, "at");
  }

  private double internalErrors(String where) {
    return api.registry
        .get(io.sluice.meters.MeterNames.INTERNAL_ERRORS)
        .tag(io.sluice.meters.MeterNames.TAG_WHERE, where)
        .counter()
        .count();
  }

  private double overrideGauge(String service) {
    return api.registry
        .get(io.sluice.meters.MeterNames.OVERRIDE_ACTIVE)
        .tag("service", service)
        .gauge()
        .value();
  }

  private List<JsonObject> audit(String path) throws Exception {
    HttpResponse<String> answer = api.get(path, VIEWER);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body())
        .getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
  }

  static void assertProblem(HttpResponse<String> answer, int status, String field) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("content-type")).contains(Problem.MEDIA_TYPE);
    JsonObject problem = new JsonObject(answer.body());
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    if (field != null) {
      assertThat(problem.getString("field")).isEqualTo(field);
    }
  }
}
