package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
