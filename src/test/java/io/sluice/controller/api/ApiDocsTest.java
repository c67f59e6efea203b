package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is a valid OpenAPI 3.1 contract, every operation in it has a handler, and
 * docs/api.md embeds its current rendering.
 */
final class ApiDocsTest {
  static final String BEGIN = "<!-- openapi:begin -->\n";
  static final String END = "<!-- openapi:end -->";
  @TempDir Path stateDir;

  @Test
  void theDocumentIsAValidContract() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract =
          OpenAPIContract.from(vertx, OperatorApi.documentJson())
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertThat(contract.operations().stream().map(Operation::getOperationId))
          .contains("listServices", "getService", "explain", "setOverride", "clearOverride")
          .contains("resume", "audit", "openapi", "healthz", "readyz", "metrics", "group");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyOperationIsServed() throws Exception {
    try (ApiHarness api = ApiHarness.start(stateDir)) {
      api.tick();
      for (List<String> call :
          List.of(
              List.of("GET", "/v1/services"),
              List.of("GET", "/v1/services/shop"),
              List.of("GET", "/v1/services/shop/explain"),
              List.of("PUT", "/v1/services/shop/override"),
              List.of("DELETE", "/v1/services/shop/override"),
              List.of("POST", "/v1/services/shop/resume"),
              List.of("GET", "/v1/audit"),
              List.of("GET", "/v1/group"),
              List.of("GET", "/v1/openapi.yaml"),
              List.of("GET", "/healthz"),
              List.of("GET", "/readyz"),
              List.of("GET", "/metrics"))) {
        HttpResponse<String> answer =
            api.call(
                call.get(0),
                call.get(1),
                ApiHarness.ADMIN,
                call.get(0).equals("GET") ? null : "{}");
        // a handler answered: not the catch-all's "no such endpoint", not "not implemented"
        assertThat(answer.body()).as(call.toString()).doesNotContain("no such endpoint");
        assertThat(answer.statusCode()).as(call.toString()).isNotEqualTo(501);
      }
    }
  }

  @Test
  void docsApiMdEmbedsTheCurrentRendering() throws Exception {
    String doc = Files.readString(Path.of("docs/api.md"));
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/api.md has the openapi markers").isNotNegative();
    assertThat(doc.substring(begin + BEGIN.length(), end))
        .as("regenerate with: ./sluice openapi --markdown")
        .isEqualTo(ApiReference.markdown());
  }
}
