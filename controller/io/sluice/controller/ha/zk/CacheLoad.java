package io.sluice.controller.ha.zk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * Starts CuratorCaches and waits until each has read what its path holds, so that a group that has
 * started answers {@code replicas()} and {@code current()} from ZooKeeper, not from nothing.
 */
final class CacheLoad {
  private final List<CountDownLatch> loads = new ArrayList<>();

  /** Starts {@code cache}, to be waited for. */
  void start(CuratorCache cache) {
    CountDownLatch loaded = new CountDownLatch(1);
    cache
        .listenable()
        .addListener(CuratorCacheListener.builder().forInitialized(loaded::countDown).build());
    loads.add(loaded);
    cache.start();
  }

  /**
   * Waits for every cache started to have loaded, for {@code bound} at most.
   *
   * @return whether they all have
   */
  boolean await(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    for (CountDownLatch loaded : loads) {
      if (!loaded.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }
}
