package io.sluice.sandbox.scf;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.Params;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The SCF actions Sluice uses. Functions are scoped by the request's region; {@code Namespace}
 * defaults to {@code default} and {@code Qualifier} to {@code $LATEST}. An unknown function is
 * {@code ResourceNotFound.Function}, an unknown qualifier {@code ResourceNotFound.Qualifier}.
 */
final class ScfActions {
  private final ScfState state;
  private final FunctionInvoker invoker;
  private final ProvisionedConcurrency provisioned;

  ScfActions(ScfState state, FunctionInvoker invoker, ProvisionedConcurrency provisioned) {
    this.state = state;
    this.invoker = invoker;
    this.provisioned = provisioned;
  }

  JsonObject getFunction(ApiRequest req) {
    Params p = req.params();
    ScfFunction f = state.require(key(req, p));
    String qualifier = p.optString("Qualifier").orElse(FunctionRef.LATEST);
    return ScfWire.function(f, qualifier, resolve(f, qualifier));
  }

  /**
   * {@code RequestResponse} answers when the function returns; {@code Event} answers at once with
   * empty result fields and lets the function run. Only Active functions are invoked ({@code
   * FailedOperation.FunctionStatusError} otherwise).
   */
  Future<JsonObject> invoke(ApiRequest req) {
    try {
      Params p = req.params();
      ScfFunction f = state.require(key(req, p));
      String qualifier = p.optString("Qualifier").orElse(FunctionRef.LATEST);
      FunctionRef target =
          new FunctionRef(f.key().namespace(), f.key().name(), resolve(f, qualifier));
      String type = p.optString("InvocationType").orElse("RequestResponse");
      if (!type.equals("RequestResponse") && !type.equals("Event")) {
        throw new ApiException(
            "InvalidParameterValue.InvokeType",
            "InvocationType must be RequestResponse or Event, got " + type + ".");
      }
      if (f.status() != FunctionStatus.Active) {
        throw new ApiException(
            "FailedOperation.FunctionStatusError",
            "Function " + f.key().name() + " is " + f.status() + ", not Active.");
      }
      boolean withLog = p.optString("LogType").map("Tail"::equals).orElse(false);
      var running =
          invoker.invoke(
              req.region(),
              target,
              p.optString("ClientContext").orElse("{}"),
              Duration.ofSeconds(f.timeoutSeconds()));
      if (type.equals("Event")) {
        InvocationResult empty = new InvocationResult("", "", "", 0, 0, 0, req.requestId(), 0);
        return Future.succeededFuture(new JsonObject().put("Result", ScfWire.result(empty, false)));
      }
      return Future.fromCompletionStage(running)
          .map(r -> new JsonObject().put("Result", ScfWire.result(r, withLog)))
          .recover(
              e ->
                  Future.failedFuture(
                      new ApiException(
                          "FailedOperation.InvokeFunction",
                          "Invocation failed: " + e.getMessage())));
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
  }

  /** Only a published version takes provisioned concurrency: {@code $LATEST} is rejected. */
  JsonObject putProvisionedConcurrencyConfig(ApiRequest req) {
    Params p = req.params();
    ScfFunction f = state.require(key(req, p));
    String qualifier = p.requireString("Qualifier");
    long count = p.requireLong("VersionProvisionedConcurrencyNum");
    publishedVersion(f, qualifier);
    if (count < 0 || count > Integer.MAX_VALUE) {
      throw new ApiException(
          "InvalidParameterValue",
          "VersionProvisionedConcurrencyNum must not be negative, got " + count + ".");
    }
    provisioned.put(f.key(), qualifier, (int) count);
    return new JsonObject();
  }

  /**
   * Like Put, only a published version: {@code $LATEST} is {@code InvalidParameterValue.Qualifier},
   * an unknown version {@code ResourceNotFound.Version}.
   */
  JsonObject deleteProvisionedConcurrencyConfig(ApiRequest req) {
    Params p = req.params();
    ScfFunction f = state.require(key(req, p));
    String qualifier = p.requireString("Qualifier");
    publishedVersion(f, qualifier);
    provisioned.delete(f.key(), qualifier);
    return new JsonObject();
  }

  JsonObject getProvisionedConcurrencyConfig(ApiRequest req) {
    Params p = req.params();
    ScfFunction f = state.require(key(req, p));
    var qualifier = p.optString("Qualifier");
    JsonArray allocated = new JsonArray();
    for (ProvisionedConcurrency.Allocation a : provisioned.allocations(f.key())) {
      if (qualifier.map(q -> q.equals(a.qualifier())).orElse(true)) {
        allocated.add(
            new JsonObject()
                .put("AllocatedProvisionedConcurrencyNum", a.allocated())
                .put("AvailableProvisionedConcurrencyNum", a.available())
                .put("Status", a.status())
                .put("StatusReason", "")
                .put("Qualifier", a.qualifier())
                .put("TriggerActions", new JsonArray()));
      }
    }
    return new JsonObject()
        .put("UnallocatedConcurrencyNum", provisioned.unallocated(req.region()))
        .put("Allocated", allocated);
  }

  private static void publishedVersion(ScfFunction f, String qualifier) {
    if (FunctionRef.LATEST.equals(qualifier)) {
      throw new ApiException(
          "InvalidParameterValue.Qualifier",
          "Provisioned concurrency needs a published version, not $LATEST.");
    }
    if (!f.isPublishedVersion(qualifier)) {
      throw new ApiException("ResourceNotFound.Version", "Version " + qualifier + " not found.");
    }
  }

  private static FunctionKey key(ApiRequest req, Params p) {
    return new FunctionKey(
        req.region(),
        p.optString("Namespace").orElse(FunctionRef.DEFAULT_NAMESPACE),
        p.requireString("FunctionName"));
  }

  private static String resolve(ScfFunction f, String qualifier) {
    return f.resolve(qualifier)
        .orElseThrow(
            () ->
                new ApiException(
                    "ResourceNotFound.Qualifier",
                    "Qualifier " + qualifier + " of " + f.key().name() + " not found."));
  }
}
