package io.sluice.controller.actuate.scf;

import io.sluice.cloud.FunctionRef;
import io.sluice.controller.actuate.StepLog;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Sets and releases a function version's provisioned concurrency, so that traffic shifted to SCF
 * meets warm instances instead of cold starts. Each write is announced to the {@link StepLog}
 * before it is made and its outcome after.
 */
public interface Prewarmer {

  /**
   * Asks for {@code count} provisioned instances of {@code function} (a published version) and
   * waits until they are all available, or {@code budget} has passed. Never fails: a refusal is a
   * {@link PrewarmOutcome.Result#FAILED} outcome, so the caller always learns how it ended.
   */
  Future<PrewarmOutcome> prewarm(FunctionRef function, int count, Duration budget, StepLog log);

  /**
   * The provisioned concurrency already set on {@code function}, such as one an earlier run left
   * when it was killed: empty when there is none, {@link PrewarmOutcome.Result#READY} when it is
   * warm, {@link PrewarmOutcome.Result#TIMED_OUT} while it is not (yet). Fails with the cloud's
   * error.
   */
  Future<Optional<PrewarmOutcome>> leftOver(FunctionRef function);

  /** Removes the version's provisioned concurrency; fails with the cloud's error. */
  Future<Void> release(FunctionRef function, StepLog log);
}
