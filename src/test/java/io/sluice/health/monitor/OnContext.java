package io.sluice.health.monitor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Runs test code where the monitor's board lives, and waits for futures, ten seconds at most. */
final class OnContext {
  private OnContext() {}

  /** Runs {@code work} on the monitor's context and returns what it returned. */
  static <T> T call(HealthMonitor monitor, Callable<T> work) throws Exception {
    Promise<T> promise = Promise.promise();
    monitor
        .context()
        .runOnContext(
            v -> {
              try {
                promise.complete(work.call());
              } catch (Exception e) {
                promise.fail(e);
              }
            });
    return result(promise.future());
  }

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
