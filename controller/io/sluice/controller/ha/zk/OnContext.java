package io.sluice.controller.ha.zk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * Runs blocking ZooKeeper calls on a small pool, off the event loop, and completes their futures on
 * the daemon's context.
 */
final class OnContext {
  private final Context context;
  private final Executor pool;

  OnContext(Context context, Executor pool) {
    this.context = context;
    this.pool = pool;
  }

  /** {@code call}'s answer, on the context. */
  <T> Future<T> call(Callable<T> call) {
    Promise<T> promise = Promise.promise();
    try {
      pool.execute(
          () -> {
            try {
              T value = call.call();
              context.runOnContext(v -> promise.complete(value));
            } catch (Exception e) {
              context.runOnContext(v -> promise.fail(e));
            }
          });
    } catch (RuntimeException rejected) { // the pool is shut down: the group is closed
      return Future.failedFuture(new IllegalStateException("the replica group is closed"));
    }
    return promise.future();
  }

  /**
   * Tells {@code changed} of each node {@code cache} sees created or changed, and {@code deleted}
   * of each it sees go, on the context, in the cache's order.
   */
  CuratorCache watch(CuratorCache cache, Consumer<ChildData> changed, Consumer<ChildData> deleted) {
    cache
        .listenable()
        .addListener(
            CuratorCacheListener.builder()
                .forCreatesAndChanges((before, now) -> run(() -> changed.accept(now)))
                .forDeletes(before -> run(() -> deleted.accept(before)))
                .build());
    return cache;
  }

  /** Runs {@code task} on the context. */
  void run(Runnable task) {
    context.runOnContext(v -> task.run());
  }
}
