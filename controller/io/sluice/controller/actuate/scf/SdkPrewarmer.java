package io.sluice.controller.actuate.scf;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.scf.v20180416.ScfClient;
import com.tencentcloudapi.scf.v20180416.models.DeleteProvisionedConcurrencyConfigRequest;
import com.tencentcloudapi.scf.v20180416.models.PutProvisionedConcurrencyConfigRequest;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudFailure;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.FunctionRef;
import io.sluice.controller.actuate.StepLog;
import io.sluice.health.signal.ProvisionedReadiness;
import io.sluice.health.signal.ScfFunctionState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@link Prewarmer} through the SDK: PutProvisionedConcurrencyConfig, then
 * GetProvisionedConcurrencyConfig with a doubling pause until the version reads Done with every
 * allocated instance available (the readiness test of the API reference, §5.3), each behind its
 * action's guard. Setup is asynchronous in SCF, so polling is the only way to know.
 */
public final class SdkPrewarmer implements Prewarmer {
  static final String PUT = CloudAction.PUT_PROVISIONED_CONCURRENCY_CONFIG.apiName();
  static final String DELETE = CloudAction.DELETE_PROVISIONED_CONCURRENCY_CONFIG.apiName();
  static final Duration FIRST_POLL = Duration.ofMillis(250);
  static final Duration MAX_POLL = Duration.ofSeconds(5);

  /**
   * A provisioning of this version is still running (ours from before a restart, or an operator's):
   * waiting for it is the pre-warm, so the refusal is not a failure.
   */
  static final String IN_PROGRESS = "FailedOperation.ProvisionedInProgress";

  private final ScfClient scf;
  private final ActionGuard put;
  private final ActionGuard delete;
  private final ScfFunctionState readiness;
  private final Vertx vertx;
  private final LongSupplier nanos;

  public SdkPrewarmer(
      CloudClients clients,
      CloudGuards guards,
      ScfFunctionState readiness,
      Vertx vertx,
      LongSupplier nanos) {
    this.scf = clients.scf();
    this.put = guards.guard(CloudAction.PUT_PROVISIONED_CONCURRENCY_CONFIG);
    this.delete = guards.guard(CloudAction.DELETE_PROVISIONED_CONCURRENCY_CONFIG);
    this.readiness = readiness;
    this.vertx = vertx;
    this.nanos = nanos;
  }

  @Override
  public Future<PrewarmOutcome> prewarm(
      FunctionRef function, int count, Duration budget, StepLog log) {
    long deadline = nanos.getAsLong() + budget.toNanos();
    String target = function.toString();
    return log.before(PUT, target, "provisionedConcurrency=" + count)
        .transform(
            durable ->
                durable.succeeded()
                    ? put(function, count, deadline, log)
                    : Future.succeededFuture(
                        new PrewarmOutcome(
                            PrewarmOutcome.Result.FAILED,
                            "not sent: its intent could not be journaled: "
                                + durable.cause().getMessage())));
  }

  private Future<PrewarmOutcome> put(FunctionRef function, int count, long deadline, StepLog log) {
    String target = function.toString();
    return put.call(() -> putConfig(function, count))
        .transform(
            done -> {
              if (done.succeeded()) {
                log.after(PUT, target, done.result(), "APPLIED");
              } else {
                String code = CloudFailure.meterCode(done.cause());
                log.after(PUT, target, "", "FAILED: " + code + " " + done.cause().getMessage());
                if (!code.equals(IN_PROGRESS)) {
                  return Future.succeededFuture(
                      new PrewarmOutcome(
                          PrewarmOutcome.Result.FAILED, code + ": " + done.cause().getMessage()));
                }
              }
              Promise<PrewarmOutcome> outcome = Promise.promise();
              poll(function, deadline, FIRST_POLL, "not read yet", outcome);
              return outcome.future();
            });
  }

  @Override
  public Future<Optional<PrewarmOutcome>> leftOver(FunctionRef function) {
    return readiness
        .provisioned(function)
        .map(
            r ->
                ProvisionedReadiness.NONE.equals(r.status())
                    ? Optional.empty()
                    : Optional.of(
                        new PrewarmOutcome(
                            r.ready()
                                ? PrewarmOutcome.Result.READY
                                : PrewarmOutcome.Result.TIMED_OUT,
                            "status " + r.status() + ", " + r.available() + "/" + r.allocated())));
  }

  @Override
  public Future<Void> release(FunctionRef function, StepLog log) {
    String target = function.toString();
    return log.before(DELETE, target, "provisionedConcurrency=0")
        .compose(
            durable ->
                delete
                    .call(() -> deleteConfig(function))
                    .onSuccess(requestId -> log.after(DELETE, target, requestId, "APPLIED"))
                    .onFailure(
                        e ->
                            log.after(
                                DELETE,
                                target,
                                "",
                                "FAILED: " + CloudFailure.meterCode(e) + " " + e.getMessage())))
        .mapEmpty();
  }

  private void poll(
      FunctionRef function,
      long deadline,
      Duration pause,
      String lastSeen,
      Promise<PrewarmOutcome> outcome) {
    readiness
        .provisioned(function)
        .onComplete(
            read -> {
              String seen = lastSeen;
              if (read.succeeded()) {
                ProvisionedReadiness r = read.result();
                seen = "status " + r.status() + ", " + r.available() + "/" + r.allocated();
                if (r.ready()) {
                  outcome.complete(new PrewarmOutcome(PrewarmOutcome.Result.READY, seen));
                  return;
                }
                if ("Failed".equals(r.status())) {
                  outcome.complete(new PrewarmOutcome(PrewarmOutcome.Result.FAILED, seen));
                  return;
                }
              } else {
                seen = lastSeen + "; the last read failed: " + read.cause().getMessage();
              }
              long left = deadline - nanos.getAsLong();
              if (left <= 0) {
                outcome.complete(new PrewarmOutcome(PrewarmOutcome.Result.TIMED_OUT, seen));
                return;
              }
              String last = seen;
              Duration doubled = pause.multipliedBy(2);
              Duration next = doubled.compareTo(MAX_POLL) > 0 ? MAX_POLL : doubled;
              // The last pause ends at the deadline, so the final read is at the budget, not after.
              vertx.setTimer(
                  Math.max(1, Math.min(pause.toMillis(), Duration.ofNanos(left).toMillis())),
                  id -> poll(function, deadline, next, last, outcome));
            });
  }

  private String putConfig(FunctionRef function, int count) throws TencentCloudSDKException {
    PutProvisionedConcurrencyConfigRequest req = new PutProvisionedConcurrencyConfigRequest();
    req.setNamespace(function.namespace());
    req.setFunctionName(function.name());
    req.setQualifier(function.qualifier());
    req.setVersionProvisionedConcurrencyNum((long) count);
    return scf.PutProvisionedConcurrencyConfig(req).getRequestId();
  }

  private String deleteConfig(FunctionRef function) throws TencentCloudSDKException {
    DeleteProvisionedConcurrencyConfigRequest req = new DeleteProvisionedConcurrencyConfigRequest();
    req.setNamespace(function.namespace());
    req.setFunctionName(function.name());
    req.setQualifier(function.qualifier());
    return scf.DeleteProvisionedConcurrencyConfig(req).getRequestId();
  }
}
