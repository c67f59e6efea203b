package io.sluice.controller.reconcile;

import io.sluice.cloud.FunctionRef;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.actuate.scf.PrewarmOutcome;
import io.sluice.controller.actuate.scf.Prewarmer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A prewarmer whose answers the test gives, recording what it was asked. */
final class FakePrewarmer implements Prewarmer {
  record Asked(FunctionRef function, int count, Duration budget) {}

  final List<Asked> prewarms = new ArrayList<>();
  final List<FunctionRef> releases = new ArrayList<>();
  private Promise<PrewarmOutcome> pending;
  private int requests;

  /** Announces the Put like the SDK prewarmer, and answers it at once with a RequestId. */
  @Override
  public Future<PrewarmOutcome> prewarm(
      FunctionRef function, int count, Duration budget, StepLog log) {
    prewarms.add(new Asked(function, count, budget));
    pending = Promise.promise();
    String target = function.toString();
    return log.before(PUT, target, "provisionedConcurrency=" + count)
        .compose(
            durable -> {
              log.after(PUT, target, "prewarm-" + ++requests, "APPLIED");
              return pending.future();
            });
  }

  static final String PUT = "PutProvisionedConcurrencyConfig";

  /** What {@link #leftOver} answers: an earlier run's pre-warm, or none. */
  Optional<PrewarmOutcome> left = Optional.empty();

  @Override
  public Future<Optional<PrewarmOutcome>> leftOver(FunctionRef function) {
    return Future.succeededFuture(left);
  }

  @Override
  public Future<Void> release(FunctionRef function, StepLog log) {
    releases.add(function);
    return Future.succeededFuture();
  }

  /** Ends the latest pre-warm. */
  void answer(PrewarmOutcome.Result result, String detail) {
    pending.complete(new PrewarmOutcome(result, detail));
  }
}
