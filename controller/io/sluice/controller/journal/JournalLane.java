package io.sluice.controller.journal;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/**
 * Where the journal's file work runs. The daemon's lane is one ordered worker off the deciding
 * context, so an fsync never holds up probes, decisions or {@code /metrics}; its results come back
 * on the caller's context. Work runs strictly in submission order, which is what makes "the step is
 * durable before its write" hold when the write is started in the callback.
 */
@FunctionalInterface
public interface JournalLane {

  /** Runs {@code work} after everything submitted before it; its result or failure completes it. */
  <T> Future<T> submit(Callable<T> work);

  /** Runs the work at once on the calling thread: for tests and tools with no context to spare. */
  JournalLane IN_PLACE =
      new JournalLane() {
        @Override
        public <T> Future<T> submit(Callable<T> work) {
          try {
            return Future.succeededFuture(work.call());
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        }
      };
}
