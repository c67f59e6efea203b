package io.sluice.sandbox.wiring;

import io.sluice.sandbox.dataplane.routing.FunctionRef;
import io.sluice.sandbox.scf.FunctionInvoker;
import io.sluice.sandbox.scf.InvocationResult;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Lets the SCF {@code Invoke} API run functions on the same runtime the CLB data plane uses, and
 * turns the runtime's outcome into Invoke's {@code Result}: a handler error is 430 and a time-out
 * 433 (SCF's documented execution codes), reported inside the result, not as API errors.
 */
public final class ScfInvokerBridge implements FunctionInvoker {
  static final int USER_CODE_EXCEPTION = 430;
  static final int TIME_LIMIT_REACHED = 433;

  private final FunctionCatalog catalog;
  private final io.sluice.sandbox.dataplane.functions.FunctionInvoker runtime;

  public ScfInvokerBridge(
      FunctionCatalog catalog, io.sluice.sandbox.dataplane.functions.FunctionInvoker runtime) {
    this.catalog = catalog;
    this.runtime = runtime;
  }

  @Override
  public CompletionStage<InvocationResult> invoke(
      String region,
      io.sluice.sandbox.scf.FunctionRef function,
      String eventJson,
      Duration timeout) {
    FunctionRef ref = new FunctionRef(function.namespace(), function.name(), function.qualifier());
    Future<InvocationResult> result =
        catalog
            .function(ref)
            .map(spec -> runtime.invoke(spec, eventJson, timeout).map(ScfInvokerBridge::toResult))
            .orElseGet(
                () ->
                    Future.failedFuture(
                        new IllegalStateException("no code is registered for " + function)));
    return result.toCompletionStage();
  }

  private static InvocationResult toResult(
      io.sluice.sandbox.dataplane.functions.InvocationResult outcome) {
    double ms = outcome.duration().toNanos() / 1e6;
    long billed = (long) Math.ceil(ms);
    String requestId = UUID.randomUUID().toString();
    return switch (outcome) {
      case io.sluice.sandbox.dataplane.functions.InvocationResult.Returned r ->
          new InvocationResult(r.resultJson(), "", "", 0, ms, billed, requestId, 0);
      case io.sluice.sandbox.dataplane.functions.InvocationResult.Failed f ->
          new InvocationResult("", f.message(), "", 0, ms, billed, requestId, USER_CODE_EXCEPTION);
      case io.sluice.sandbox.dataplane.functions.InvocationResult.TimedOut t ->
          new InvocationResult(
              "", "Invoking task timed out", "", 0, ms, billed, requestId, TIME_LIMIT_REACHED);
    };
  }
}
