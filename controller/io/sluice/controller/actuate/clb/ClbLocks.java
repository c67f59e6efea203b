package io.sluice.controller.actuate.clb;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One mutation at a time per CLB instance (reliability fault 3), shared by every clb-rule actuator:
 * a load balancer runs one task at a time and answers a second write with {@code
 * ResourceInOperating}, so two services on one CLB would only make each other retry. Work for one
 * load balancer runs in the order it was asked for; work for different ones runs side by side.
 *
 * <p>Asynchronous: waiting never blocks a thread. The work starts on the context that asked for it.
 */
public final class ClbLocks {
  private final Map<String, Future<Void>> tails = new HashMap<>();

  /**
   * Runs {@code work} once every earlier work for the load balancer has finished, and holds the
   * load balancer until the future it returns completes, however it completes.
   */
  public <T> Future<T> withLock(String loadBalancerId, Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    Promise<Void> released = Promise.promise();
    Future<Void> previous;
    synchronized (tails) {
      previous = tails.getOrDefault(loadBalancerId, Future.succeededFuture());
      tails.put(loadBalancerId, released.future());
    }
    Promise<T> result = Promise.promise();
    previous.onComplete(
        turn ->
            onContext(
                caller,
                () ->
                    start(work)
                        .onComplete(
                            outcome -> {
                              release(loadBalancerId, released);
                              result.handle(outcome);
                            })));
    return result.future();
  }

  /** Whether some work holds or waits for the load balancer. */
  public boolean busy(String loadBalancerId) {
    synchronized (tails) {
      return tails.containsKey(loadBalancerId);
    }
  }

  private void release(String loadBalancerId, Promise<Void> released) {
    synchronized (tails) {
      // the last in line leaves no entry behind
      tails.remove(loadBalancerId, released.future());
    }
    released.complete();
  }

  private static <T> Future<T> start(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void onContext(Context context, Runnable action) {
    if (context == null || context == Vertx.currentContext()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
