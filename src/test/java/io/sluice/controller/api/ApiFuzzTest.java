package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A few thousand random, malformed requests (paths, headers, bodies): each is answered with a 4xx
 * problem document, the server stays up, and no routing or override changes.
 */
final class ApiFuzzTest {
  static final int REQUESTS = 3000;
  static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");
  static final List<String> PATHS =
      List.of(
          "/v1/services/%s",
          "/v1/services/shop/%s",
          "/v1/services/%s/override",
          "/v1/services/%s/resume",
          "/v1/services/shop/explain?at=%s",
          "/v1/audit?since=%s",
          "/v1/audit?service=%s",
          "/v1/audit?limit=%s",
          "/v1/%s",
          "/%s");
  static final List<String> BODIES =
      List.of(
          "{\"pin\":\"%s\",\"ttl\":\"10m\",\"reason\":\"r\"}",
          "{\"split\":{\"cvm\":%s},\"ttl\":\"10m\",\"reason\":\"r\"}",
          "{\"pin\":\"scf\",\"ttl\":\"%s\",\"reason\":\"r\"}",
          "{\"pin\":\"scf\",\"ttl\":\"10m\",\"reason\":\"r\",\"%s\":1}",
          "{\"pin\":\"scf\",\"ttl\":\"10m\",\"reason\":%s",
          "%s",
          "[%s]");
  @TempDir Path stateDir;

  @Test
  void malformedRequestsGetProblemsAndChangeNothing() throws Exception {
    Random random = new Random(6);
    try (ApiHarness api = ApiHarness.start(stateDir)) {
      api.ticks(5, java.time.Duration.ofSeconds(1));
      for (int i = 0; i < REQUESTS; i++) {
        String method = METHODS.get(random.nextInt(METHODS.size()));
        boolean write = method.equals("PUT") || method.equals("POST");
        String path =
            write && random.nextBoolean()
                ? "/v1/services/shop/override"
                : PATHS.get(random.nextInt(PATHS.size())).formatted(garbage(random, true));
        String body =
            write
                ? BODIES.get(random.nextInt(BODIES.size())).formatted(garbage(random, false))
                : null;
        String token =
            switch (random.nextInt(4)) {
              case 0 -> null;
              case 1 -> garbage(random, false);
              default -> ApiHarness.ADMIN;
            };
        HttpResponse<String> answer;
        try {
          answer = api.call(method, path, token, body);
        } catch (IllegalArgumentException unsendable) {
          continue; // the client refuses to send it (an illegal header value): nothing to ask
        }
        String what = method + " " + path + " " + body + " -> " + answer.body();
        assertThat(answer.statusCode()).as(what).isBetween(400, 499);
        assertThat(answer.headers().firstValue("content-type"))
            .as(what)
            .contains(Problem.MEDIA_TYPE);
        assertThat(new JsonObject(answer.body()).getInteger("status"))
            .isEqualTo(answer.statusCode());
      }
      assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
      api.tick();
      assertThat(api.clouds.values())
          .allSatisfy(c -> assertThat(c.routed).isEqualTo(ApiHarness.ON_CVM));
      assertThat(api.desk.store().current("shop")).isEmpty();
      assertThat(api.desk.store().current("lab")).isEmpty();
    }
  }

  /**
   * Values that pass the document's types and patterns (a duration's digits and unit, an integer
   * that JSON writes with an exponent) but lie beyond what the handlers can use.
   */
  static final List<String> EDGES =
      List.of(
          "3651d",
          "87625h",
          "99999999999999999999d",
          "9223372036854775807ms",
          "9223372036854775808s",
          "0s",
          "1e3",
          "1E3",
          "1.5e2",
          "10.0",
          "-1",
          "0",
          "10001",
          "2147483648",
          "00005",
          "+5",
          "0x10",
          "2026-13-40T99:99:99Z",
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00+18:00",
          "2026-11-24T10:00:00+18:00");

  /** Each parameter with the request that carries it. */
  private static HttpResponse<String> ask(ApiHarness api, String parameter, String value)
      throws Exception {
    String query = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    return switch (parameter) {
      case "ttl" ->
          api.put(
              "/v1/services/shop/override",
              ApiHarness.ADMIN,
              new JsonObject().put("pin", "cvm").put("ttl", value).put("reason", "r").encode());
      case "since" -> api.get("/v1/audit?since=" + query, ApiHarness.VIEWER);
      case "limit" -> api.get("/v1/audit?limit=" + query, ApiHarness.VIEWER);
      case "at" -> api.get("/v1/services/shop/explain?at=" + query, ApiHarness.VIEWER);
      default -> throw new IllegalArgumentException(parameter);
    };
  }

  @ParameterizedTest
  @CsvSource({"ttl, 3651d", "since, 3651d", "at, 3651d", "limit, 1e3"})
  void valuesBeyondTheHandlersAreBadRequestsNamingTheParameter(String parameter, String value)
      throws Exception {
    try (ApiHarness api = ApiHarness.start(stateDir)) {
      api.ticks(5, java.time.Duration.ofSeconds(1));
      HttpResponse<String> answer = ask(api, parameter, value);

      OperatorApiTest.assertProblem(answer, 400, parameter);
      assertThat(new JsonObject(answer.body()).getString("detail")).startsWith(parameter + ": ");
    }
  }

  @Test
  void noEdgeValueOfAnyParameterIsAnInternalError() throws Exception {
    // every PUT counts against the caller's changes per minute
    try (ApiHarness api =
        ApiHarness.start(
            stateDir,
            yaml -> yaml.replace("mutationsPerMinute: 5", "mutationsPerMinute: 600"),
            ApiHarness.plainClient())) {
      api.ticks(5, java.time.Duration.ofSeconds(1));
      for (String parameter : List.of("ttl", "since", "limit", "at")) {
        for (String value : EDGES) {
          HttpResponse<String> answer = ask(api, parameter, value);
          String what = parameter + "=" + value + " -> " + answer.body();
          assertThat(answer.statusCode()).as(what).isLessThan(500);
          if (answer.statusCode() >= 400 && answer.statusCode() != 404) {
            assertThat(new JsonObject(answer.body()).getString("field"))
                .as(what)
                .isEqualTo(parameter);
          }
        }
      }
      assertThat(api.get("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  /** Random text that is never a valid value: always some character no field accepts. */
  private static String garbage(Random random, boolean inPath) {
    String alphabet = inPath ? "ABZ_.~!$'()*+,;=:@%25%00" : "ABZ\"\\{}[]:,-.0123456789 \t";
    StringBuilder sb = new StringBuilder("X");
    int n = random.nextInt(40);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
