package io.sluice.sandbox.scf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.scf.v20180416.models.GetFunctionResponse;
import com.tencentcloudapi.scf.v20180416.models.GetProvisionedConcurrencyConfigResponse;
import com.tencentcloudapi.scf.v20180416.models.InvokeResponse;
import io.sluice.sandbox.Requests;
import io.sluice.sandbox.SdkContract;
import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.ServiceDefinition;
import io.sluice.testing.MutableClock;
import io.sluice.testing.MutableNanos;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

final class ScfServiceTest {
  private static final String REGION = "ap-guangzhou";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T04:00:00Z"));
  private final MutableNanos nanos = new MutableNanos();
  private final ScfState state = new ScfState(clock);
  private final List<String> invocations = new ArrayList<>();
  private CompletableFuture<InvocationResult> pending = new CompletableFuture<>();
  private final FunctionInvoker invoker =
      (region, function, event, timeout) -> {
        invocations.add(region + " " + function + " " + event + " " + timeout.toSeconds());
        return pending;
      };
  private final ServiceDefinition service =
      ScfService.definition(
          state, invoker, new ProvisionedConcurrency(nanos, ScfSettings.defaults()));
  private final Requests api = new Requests(service, clock, REGION);
  private final FunctionKey web = new FunctionKey(REGION, "default", "web");

  ScfServiceTest() {
    state.create(web, FunctionType.Event, "Nodejs18.15", "index.main");
    state.publishVersion(web);
    state.putAlias(web, "live", "1");
  }

  @Test
  void getFunctionReportsTypeStatusAndTheResolvedVersion() {
    JsonObject answer =
        api.call(
            "GetFunction", new JsonObject().put("FunctionName", "web").put("Qualifier", "live"));

    GetFunctionResponse sdk = SdkContract.parse(answer, GetFunctionResponse.class);
    assertThat(sdk.getType()).isEqualTo("Event");
    assertThat(sdk.getStatus()).isEqualTo("Active");
    assertThat(sdk.getAvailableStatus()).isEqualTo("Available");
    assertThat(sdk.getFunctionVersion()).isEqualTo("1");
    assertThat(sdk.getNamespace()).isEqualTo("default");
    assertThat(sdk.getTimeout()).isEqualTo(3);
  }

  @Test
  void getFunctionNamesUnknownFunctionsAndQualifiers() {
    assertThat(api.error("GetFunction", new JsonObject().put("FunctionName", "ghost")))
        .isEqualTo("ResourceNotFound.Function");
    assertThat(
            api.error(
                "GetFunction", new JsonObject().put("FunctionName", "web").put("Qualifier", "9")))
        .isEqualTo("ResourceNotFound.Qualifier");
    assertThat(
            new Requests(service, clock, "ap-shanghai")
                .error("GetFunction", new JsonObject().put("FunctionName", "web")))
        .isEqualTo("ResourceNotFound.Function");
  }

  @Test
  void aSynchronousInvokeAnswersWhenTheFunctionReturns() {
    Future<JsonObject> answer =
        invoke(
            new JsonObject()
                .put("FunctionName", "web")
                .put("Qualifier", "live")
                .put("ClientContext", "{\"a\":1}")
                .put("LogType", "Tail"));

    assertThat(answer.isComplete()).isFalse();
    assertThat(invocations).containsExactly("ap-guangzhou default/web:1 {\"a\":1} 3");
    pending.complete(
        new InvocationResult("\"ok\"", "", "START\nEND", 1024, 12.5, 13, "fn-req-1", 0));

    InvokeResponse sdk = SdkContract.parse(answer.result(), InvokeResponse.class);
    assertThat(sdk.getResult().getRetMsg()).isEqualTo("\"ok\"");
    assertThat(sdk.getResult().getLog()).isEqualTo("START\nEND");
    assertThat(sdk.getResult().getDuration()).isEqualTo(12.5f);
    assertThat(sdk.getResult().getFunctionRequestId()).isEqualTo("fn-req-1");
  }

  @Test
  void anEventInvokeAnswersAtOnceWithEmptyResultFields() {
    Future<JsonObject> answer =
        invoke(new JsonObject().put("FunctionName", "web").put("InvocationType", "Event"));

    assertThat(answer.succeeded()).isTrue();
    assertThat(invocations).hasSize(1);
    assertThat(SdkContract.parse(answer.result(), InvokeResponse.class).getResult().getRetMsg())
        .isEmpty();
  }

  @Test
  void aPlatformFailureIsFailedOperationInvokeFunction() {
    Future<JsonObject> answer = invoke(new JsonObject().put("FunctionName", "web"));
    pending.completeExceptionally(new IllegalStateException("runtime gone"));

    assertThat(answer.cause())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.code()).isEqualTo("FailedOperation.InvokeFunction"));
  }

  @Test
  void invokeRejectsUnknownFunctionsQualifiersTypesAndInactiveFunctions() {
    assertThat(invokeError(new JsonObject().put("FunctionName", "ghost")))
        .isEqualTo("ResourceNotFound.Function");
    assertThat(invokeError(new JsonObject().put("FunctionName", "web").put("Qualifier", "nope")))
        .isEqualTo("ResourceNotFound.Qualifier");
    assertThat(
            invokeError(new JsonObject().put("FunctionName", "web").put("InvocationType", "Later")))
        .isEqualTo("InvalidParameterValue.InvokeType");
    state.setStatus(web, FunctionStatus.Updating);
    assertThat(invokeError(new JsonObject().put("FunctionName", "web")))
        .isEqualTo("FailedOperation.FunctionStatusError");
    assertThat(invocations).isEmpty();
  }

  @Test
  void theSynchronousFallbackAnswersOnlyACompletedInvoke() {
    pending = CompletableFuture.completedFuture(new InvocationResult("1", "", "", 0, 1, 1, "r", 0));
    assertThat(
            api.call("Invoke", new JsonObject().put("FunctionName", "web"))
                .getJsonObject("Result")
                .getString("RetMsg"))
        .isEqualTo("1");

    pending = new CompletableFuture<>();
    assertThat(api.error("Invoke", new JsonObject().put("FunctionName", "web")))
        .isEqualTo("InternalError");
  }

  @Test
  void provisionedConcurrencyRampsUpOnTheClockUntilDone() {
    api.call("PutProvisionedConcurrencyConfig", provision("1", 20));

    assertThat(allocated().getStatus()).isEqualTo("InProgress");
    assertThat(allocated().getAvailableProvisionedConcurrencyNum()).isZero();
    nanos.advance(Duration.ofSeconds(1));
    assertThat(allocated().getAvailableProvisionedConcurrencyNum()).isEqualTo(10);
    assertThat(api.error("PutProvisionedConcurrencyConfig", provision("1", 5)))
        .isEqualTo("FailedOperation.ProvisionedInProgress");
    nanos.advance(Duration.ofSeconds(1));

    var done = allocated();
    assertThat(done.getStatus()).isEqualTo("Done");
    assertThat(done.getAvailableProvisionedConcurrencyNum()).isEqualTo(20);
    assertThat(done.getAllocatedProvisionedConcurrencyNum()).isEqualTo(20);
    api.call("PutProvisionedConcurrencyConfig", provision("1", 5));
    assertThat(allocated().getStatus()).isEqualTo("Done");
  }

  @Test
  void provisionedConcurrencyNeedsAPublishedVersionWithinTheQuota() {
    assertThat(api.error("PutProvisionedConcurrencyConfig", provision("$LATEST", 1)))
        .isEqualTo("InvalidParameterValue.Qualifier");
    assertThat(api.error("PutProvisionedConcurrencyConfig", provision("7", 1)))
        .isEqualTo("ResourceNotFound.Version");
    assertThat(api.error("PutProvisionedConcurrencyConfig", provision("1", 901)))
        .isEqualTo("FailedOperation.ProvisionedExceedAvailable");
  }

  @Test
  void rateLimitsFollowTheDocs() {
    assertThat(service.actions().get("Invoke").ratePerSecond()).isEqualTo(100);
    assertThat(service.actions().get("PutProvisionedConcurrencyConfig").ratePerSecond())
        .isEqualTo(20);
    assertThat(service.actions().get("PutProvisionedConcurrencyConfig").mutation()).isTrue();
  }

  private com.tencentcloudapi.scf.v20180416.models.VersionProvisionedConcurrencyInfo allocated() {
    JsonObject answer =
        api.call("GetProvisionedConcurrencyConfig", new JsonObject().put("FunctionName", "web"));
    GetProvisionedConcurrencyConfigResponse sdk =
        SdkContract.parse(answer, GetProvisionedConcurrencyConfigResponse.class);
    assertThat(sdk.getAllocated()).hasSize(1);
    return sdk.getAllocated()[0];
  }

  private static JsonObject provision(String qualifier, int n) {
    return new JsonObject()
        .put("FunctionName", "web")
        .put("Qualifier", qualifier)
        .put("VersionProvisionedConcurrencyNum", n);
  }

  private Future<JsonObject> invoke(JsonObject body) {
    ApiRequest req =
        new ApiRequest(
            "scf",
            ScfService.VERSION,
            "Invoke",
            REGION,
            "AKIDtest",
            "req-inv",
            body,
            clock.instant());
    return ((AsyncApiAction) service.actions().get("Invoke").handler()).handleAsync(req);
  }

  private String invokeError(JsonObject body) {
    Throwable cause = invoke(body).cause();
    assertThatThrownBy(
            () -> {
              throw cause;
            })
        .isInstanceOf(ApiException.class);
    return ((ApiException) cause).code();
  }
}
