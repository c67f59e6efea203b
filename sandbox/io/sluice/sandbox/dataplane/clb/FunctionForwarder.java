package io.sluice.sandbox.dataplane.clb;

import io.sluice.sandbox.dataplane.functions.FunctionInvoker;
import io.sluice.sandbox.dataplane.functions.FunctionRegistry;
import io.sluice.sandbox.dataplane.functions.InvocationResult;
import io.sluice.sandbox.dataplane.routing.FunctionRef;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CLB side of the CLB trigger: turns a request into the trigger event, invokes the function
 * synchronously and turns its integration response into the HTTP reply, or into the CLB's own error
 * replies (statuses from {@link ClbTriggerSettings}).
 */
final class FunctionForwarder {

  /**
   * How long past the function's own timeout the VIP still waits for the invoker, e.g. while the
   * invocation queues for a worker thread, before answering the function-timeout status itself.
   */
  static final Duration INVOKER_GRACE = Duration.ofSeconds(5);

  private final FunctionRegistry functions;
  private final FunctionInvoker invoker;
  private final ClbTriggerSettings settings;
  private final Clock clock;

  FunctionForwarder(
      FunctionRegistry functions,
      FunctionInvoker invoker,
      ClbTriggerSettings settings,
      Clock clock) {
    this.functions = functions;
    this.invoker = invoker;
    this.settings = settings;
    this.clock = clock;
  }

  Future<VipReply> forward(FunctionRef ref, VipListenerSpec vip, ClbTriggerEvent.Request request) {
    String target = ref.monitoringAddress();
    return functions
        .function(ref)
        .map(
            spec ->
                invoker
                    .invoke(
                        spec,
                        ClbTriggerEvent.build(request, vip, settings.eventShape(), clock.instant()))
                    .timeout(spec.timeout().plus(INVOKER_GRACE).toMillis(), TimeUnit.MILLISECONDS)
                    .map(result -> reply(result, target))
                    .recover(
                        failure ->
                            Future.succeededFuture(
                                failure instanceof TimeoutException
                                    ? VipReply.fromClb(
                                        settings.functionTimeoutStatus(), "function timed out")
                                    : VipReply.fromClb(
                                        settings.functionErrorStatus(), "function error"))))
        .orElseGet(
            () ->
                Future.succeededFuture(
                    VipReply.fromClb(settings.functionErrorStatus(), "function not found")));
  }

  private VipReply reply(InvocationResult result, String target) {
    return switch (result) {
      case InvocationResult.Returned returned ->
          IntegrationResponse.parse(returned.resultJson())
              .map(
                  response ->
                      new VipReply(
                          response.statusCode(), response.headers(), response.body(), target, 0))
              .orElseGet(() -> analyseFailed(target));
      case InvocationResult.Failed failed ->
          VipReply.fromClb(settings.functionErrorStatus(), "function error");
      case InvocationResult.TimedOut timedOut ->
          VipReply.fromClb(settings.functionTimeoutStatus(), "function timed out");
    };
  }

  private VipReply analyseFailed(String target) {
    return new VipReply(
        settings.malformedResponseStatus(),
        List.of(Map.entry("Content-Type", "application/json")),
        IntegrationResponse.ANALYSE_FAILED_BODY.getBytes(StandardCharsets.UTF_8),
        target,
        0);
  }
}
