package io.sluice.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.api.ServiceDefinition.Action;
import io.sluice.sandbox.scf.AsyncApiAction;
import io.sluice.testing.MutableClock;
import io.sluice.testing.MutableNanos;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request rules, driven with hand-signed calls and no HTTP server. */
final class ApiDispatcherTest {
  private static final String ID = "AKIDunit";
  private static final String KEY = "unitKey";
  private static final String HOST = "127.0.0.1:18080";
  private static final String CONTENT_TYPE = "application/json; charset=utf-8";
  private static final Duration ACTION_TIMEOUT = Duration.ofMillis(200);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:58Z"));
  private final MutationLog log = new MutationLog();
  private final ApiDispatcher dispatcher =
      new ApiDispatcher(
          clock,
          new MutableNanos(),
          new Credentials().add(ID, KEY),
          new ControlPlaneFaults(),
          log,
          List.of(
              new ServiceDefinition(
                  "alpha",
                  "2020-01-01",
                  false,
                  Map.of(
                      "Echo", Action.write(5, r -> new JsonObject().put("From", "alpha")),
                      "Broken",
                          Action.read(
                              5,
                              r -> {
                                throw new IllegalStateException("bug");
                              }),
                      "Stuck",
                          Action.read(
                              5, (AsyncApiAction) r -> Promise.<JsonObject>promise().future()))),
              new ServiceDefinition(
                  "beta",
                  "2021-01-01",
                  true,
                  Map.of("Echo", Action.read(5, r -> new JsonObject().put("From", r.region()))))),
          ACTION_TIMEOUT);

  @Test
  void signedCallGetsTheActionsFieldsAndARequestId() {
    JsonObject response = dispatch(signed("Echo", "2020-01-01", "{\"A\":1}"));

    assertThat(response.getString("From")).isEqualTo("alpha");
    assertThat(response.getString("RequestId")).isEqualTo("req-1");
  }

  @Test
  void theSameActionNameIsRoutedByVersion() {
    Map<String, String> headers = signed("Echo", "2021-01-01", "{}");
    headers.put("X-TC-Region", "ap-guangzhou");

    assertThat(dispatch(new HttpCall(headers, body("{}"))).getString("From"))
        .isEqualTo("ap-guangzhou");
  }

  @Test
  void oneChangedBodyByteIsSignatureFailure() {
    Map<String, String> headers = signed("Echo", "2020-01-01", "{\"A\":1}");

    assertThat(errorCode(new HttpCall(headers, body("{\"A\":2}"))))
        .isEqualTo("AuthFailure.SignatureFailure");
  }

  @Test
  void unsignedPayloadLeavesTheBodyOutOfTheSignature() {
    Tc3Input input =
        new Tc3Input(
            Tc3Input.utcDate(now()),
            "alpha",
            now(),
            new java.util.TreeMap<>(Map.of("content-type", CONTENT_TYPE, "host", HOST)),
            Tc3Signer.sha256Hex(Tc3Signer.UNSIGNED_PAYLOAD));
    Map<String, String> headers =
        headers("Echo", "2020-01-01", Tc3Signer.authorization(ID, KEY, input));
    headers.put("X-TC-Content-SHA256", Tc3Signer.UNSIGNED_PAYLOAD);

    assertThat(dispatch(new HttpCall(headers, body("{\"anything\":true}"))).getString("From"))
        .isEqualTo("alpha");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Basic abc",
        "TC3-HMAC-SHA256 Credential=AKIDunit/2026-03-01/alpha/tc3_request, SignedHeaders=content-type;host",
        "TC3-HMAC-SHA256 Credential=AKIDunit/2026-03-01/alpha, SignedHeaders=content-type;host, Signature=ab",
        "TC3-HMAC-SHA256 Credential=AKIDunit/2026-03-01/alpha/tc3_request, SignedHeaders=host, Signature=ab"
      })
  void malformedAuthorizationIsInvalidAuthorization(String authorization) {
    Map<String, String> headers = headers("Echo", "2020-01-01", authorization);

    assertThat(errorCode(new HttpCall(headers, body("{}"))))
        .isEqualTo("AuthFailure.InvalidAuthorization");
  }

  @Test
  void scopeDateOtherThanTheTimestampsIsSignatureFailure() {
    Tc3Input input =
        new Tc3Input(
            "2026-03-02",
            "alpha",
            now(),
            new java.util.TreeMap<>(Map.of("content-type", CONTENT_TYPE, "host", HOST)),
            Tc3Signer.sha256Hex(body("{}")));
    Map<String, String> headers =
        headers("Echo", "2020-01-01", Tc3Signer.authorization(ID, KEY, input));

    assertThat(errorCode(new HttpCall(headers, body("{}"))))
        .isEqualTo("AuthFailure.SignatureFailure");
  }

  @Test
  void regionRequiredProductWithoutRegionIsMissingParameter() {
    assertThat(errorCode(new HttpCall(signed("Echo", "2021-01-01", "{}"), body("{}"))))
        .isEqualTo("MissingParameter");
  }

  @Test
  void missingActionHeaderIsMissingParameter() {
    Map<String, String> headers = signed("Echo", "2020-01-01", "{}");
    headers.remove("X-TC-Action");

    assertThat(errorCode(new HttpCall(headers, body("{}")))).isEqualTo("MissingParameter");
  }

  @Test
  void bodyThatIsNotAJsonObjectIsInvalidParameter() {
    assertThat(errorCode(new HttpCall(signed("Echo", "2020-01-01", "[1]"), body("[1]"))))
        .isEqualTo("InvalidParameter");
  }

  @Test
  void unexpectedFailureOfAnActionIsInternalError() {
    assertThat(errorCode(new HttpCall(signed("Broken", "2020-01-01", "{}"), body("{}"))))
        .isEqualTo("InternalError");
  }

  @Test
  void actionThatNeverAnswersIsInternalErrorNamingItAndTheTimeout() throws Exception {
    Future<JsonObject> envelope =
        dispatcher.dispatch(new HttpCall(signed("Stuck", "2020-01-01", "{}"), body("{}")), "req-1");

    JsonObject error =
        envelope
            .toCompletionStage()
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS)
            .getJsonObject("Response")
            .getJsonObject("Error");
    assertThat(error.getString("Code")).isEqualTo("InternalError");
    assertThat(error.getString("Message")).contains("`Stuck`", "200ms", "actionTimeout");
  }

  @Test
  void onlyAcceptedWritesAreLogged() {
    dispatch(new HttpCall(signed("Echo", "2020-01-01", "{\"A\":1}"), body("{\"A\":1}")));
    dispatch(new HttpCall(signed("Echo", "2020-01-01", "{\"A\":1}"), body("{\"A\":9}")));

    assertThat(log.entries())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.service()).isEqualTo("alpha");
              assertThat(m.parameters().getInteger("A")).isEqualTo(1);
              assertThat(m.time()).isEqualTo(clock.instant());
            });
  }

  private JsonObject dispatch(Map<String, String> headers) {
    return dispatch(new HttpCall(headers, body("{\"A\":1}")));
  }

  private JsonObject dispatch(HttpCall call) {
    Future<JsonObject> envelope = dispatcher.dispatch(call, "req-1");
    assertThat(envelope.isComplete()).as("synchronous actions answer at once").isTrue();
    return envelope.result().getJsonObject("Response");
  }

  private String errorCode(HttpCall call) {
    return dispatch(call).getJsonObject("Error").getString("Code");
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private Map<String, String> signed(String action, String version, String json) {
    Tc3Input input = Tc3Input.of("127", now(), HOST, CONTENT_TYPE, body(json));
    return headers(action, version, Tc3Signer.authorization(ID, KEY, input));
  }

  private Map<String, String> headers(String action, String version, String authorization) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Host", HOST);
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("X-TC-Action", action);
    headers.put("X-TC-Version", version);
    headers.put("X-TC-Timestamp", Long.toString(now()));
    headers.put("Authorization", authorization);
    return headers;
  }

  private static byte[] body(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
