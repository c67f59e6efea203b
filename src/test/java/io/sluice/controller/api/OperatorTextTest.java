package io.sluice.controller.api;

import static io.sluice.controller.api.OperatorApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reason is written to the log, the audit log and notifications: one with a line break or an
 * escape sequence is refused, naming the field, and changes nothing.
 */
final class OperatorTextTest {
  @TempDir Path stateDir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "deploy\\n12:00:00.000 INFO  [main] i.s.c.a.ChangeHandlers - shop: override cleared",
        "deploy\\r\\u001b[2K",
        "tab\\there",
        "next\\u2028line",
        "c1\\u009b31m"
      })
  void aReasonWithAControlCharacterIsRefused(String reason) throws Exception {
    String body =
        new JsonObject()
            .put("pin", "scf")
            .put("ttl", "10m")
            .put("reason", unescape(reason))
            .encode();

    try (ApiHarness api = ApiHarness.start(stateDir)) {
      api.ticks(5, Duration.ofSeconds(1));
      HttpResponse<String> set = api.put("/v1/services/shop/override", ApiHarness.ADMIN, body);
      HttpResponse<String> resume =
          api.call(
              "POST",
              "/v1/services/shop/resume",
              ApiHarness.ADMIN,
              new JsonObject().put("reason", unescape(reason)).encode());

      assertProblem(set, 400, "reason");
      JsonObject problem = new JsonObject(set.body());
      assertThat(problem.getString("rule")).isEqualTo("no control characters");
      assertThat(problem.getString("detail")).contains("reason: must not contain");
      assertProblem(resume, 400, "reason");
      assertThat(api.desk.store().current("shop")).isEmpty();
      assertThat(api.desk.audit().read(Optional.empty(), Optional.empty(), 100))
          .noneMatch(e -> e.path("action").asText().matches("override.set|resume"));
    }
  }

  /** The JSON-style escapes of the cases, as the characters they stand for. */
  private static String unescape(String text) {
    return new JsonObject("{\"t\":\"" + text + "\"}").getString("t");
  }
}
