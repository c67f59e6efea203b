package io.sluice.controller.ha.zk;

import io.sluice.controller.ha.SharedDoc;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A shared document at {@code /docs/<name>}: compare-and-set on the znode's version (a create when
 * it must not exist yet), watched through a CuratorCache, whose changes come to the context in
 * ZooKeeper's order.
 */
final class ZkSharedDoc implements SharedDoc, AutoCloseable {
  private final CuratorFramework client;
  private final String name;
  private final String path;
  private final OnContext io;
  private final CuratorCache cache;
  private final List<Consumer<Optional<Versioned>>> listeners = new CopyOnWriteArrayList<>();
  private Optional<Versioned> current = Optional.empty();

  ZkSharedDoc(CuratorFramework client, String name, OnContext io) {
    this.client = client;
    this.name = name;
    this.path = ZkPaths.doc(name);
    this.io = io;
    this.cache =
        io.watch(
            CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE),
            this::seen,
            gone -> seen(null));
  }

  /** Starts watching; once the group's client is started. */
  void start(CacheLoad load) {
    load.start(cache);
  }

  @Override
  public Optional<Versioned> current() {
    return current;
  }

  @Override
  public Future<Versioned> replace(byte[] data, int expected) {
    byte[] copy = data.clone();
    return io.call(() -> write(copy, expected))
        .recover(
            e ->
                e instanceof KeeperException.BadVersionException
                        || e instanceof KeeperException.NoNodeException
                        || e instanceof KeeperException.NodeExistsException
                    ? Future.failedFuture(new Conflict(name, expected))
                    : Future.failedFuture(e))
        .onSuccess(this::adopt);
  }

  @Override
  public Future<Optional<Versioned>> read() {
    // the server this session reads from may not have applied a write the lost connection hid
    // yet: then this read shows the older version, and the cache's watch brings the newer one
    return io.call(this::get).onSuccess(read -> read.ifPresent(this::adopt));
  }

  private Optional<Versioned> get() throws Exception {
    Stat stat = new Stat();
    try {
      byte[] data = client.getData().storingStatIn(stat).forPath(path);
      return Optional.of(new Versioned(stat.getVersion(), data));
    } catch (KeeperException.NoNodeException absent) {
      return Optional.empty();
    }
  }

  @Override
  public void watch(Consumer<Optional<Versioned>> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    cache.close();
  }

  private Versioned write(byte[] data, int expected) throws Exception {
    Stat stat = new Stat();
    // idempotent: a retry after a lost connection whose first try landed finds the data it wrote,
    // and succeeds, instead of failing a CAS that in truth took effect
    if (expected == Versioned.NONE) {
      client
          .create()
          .idempotent()
          .storingStatIn(stat)
          .creatingParentsIfNeeded()
          .forPath(path, data);
    } else {
      stat = client.setData().idempotent().withVersion(expected).forPath(path, data);
    }
    return new Versioned(stat.getVersion(), data);
  }

  /** Takes a change from the cache, which reports every one in order. */
  private void seen(ChildData node) {
    Optional<Versioned> now =
        node == null
            ? Optional.empty()
            : Optional.of(new Versioned(node.getStat().getVersion(), node.getData()));
    if (now.isEmpty() || current.isEmpty() || now.get().version() >= current.get().version()) {
      current = now; // never back to an older version a replace already showed
    }
    listeners.forEach(l -> l.accept(now));
  }

  /** This replica's own replace or read, which the cache may not have shown yet. */
  private void adopt(Versioned written) {
    if (current.isEmpty() || written.version() > current.get().version()) {
      current = Optional.of(written);
    }
  }
}
