package io.sluice.controller.ha.zk;

import io.sluice.controller.ha.VerdictExchange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verdicts at {@code /verdicts/<replica>}, an ephemeral node per replica, so that a replica whose
 * session ends is seen leaving. Writes are coalesced: one in flight, the newest report waiting
 * behind it, the last one written again every {@code publishEvery} (see {@link #repeat}) with a
 * newer seq, so that readers can tell a silent replica from an unchanged one. Every write's seq is
 * above the one before, whatever the caller's.
 *
 * <p>Everything but the ZooKeeper calls runs on the daemon's context.
 */
final class ZkVerdictExchange implements VerdictExchange, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZkVerdictExchange.class);

  private final CuratorFramework client;
  private final String replica;
  private final String path;
  private final LongSupplier nanos;
  private final OnContext io;
  private final CuratorCache cache;
  private final List<Consumer<Received>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Long> lastSeq = new HashMap<>();
  private Report latest;
  private long writtenSeq = Long.MIN_VALUE;
  private boolean inFlight;
  private boolean newer;

  ZkVerdictExchange(CuratorFramework client, String replica, LongSupplier nanos, OnContext io) {
    this.client = client;
    this.replica = replica;
    this.path = ZkPaths.verdicts(replica);
    this.nanos = nanos;
    this.io = io;
    this.cache = io.watch(CuratorCache.build(client, ZkPaths.VERDICTS), this::reported, this::left);
  }

  /** Starts reading the others' reports; once the group's client is started. */
  void start(CacheLoad load) {
    load.start(cache);
  }

  @Override
  public void publish(Report report) {
    latest = report;
    newer = true;
    writeIfIdle();
  }

  /** Writes the last report again (every {@code publishEvery}), unless a write is under way. */
  void repeat() {
    if (latest != null) {
      newer = true;
      writeIfIdle();
    }
  }

  @Override
  public void onReport(Consumer<Received> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    cache.close();
  }

  private void writeIfIdle() {
    if (inFlight || !newer) {
      return;
    }
    long seq = writtenSeq == Long.MIN_VALUE ? latest.seq() : Math.max(latest.seq(), writtenSeq + 1);
    Report stamped = new Report(replica, seq, latest.verdicts());
    inFlight = true;
    newer = false;
    io.call(() -> write(ZkJson.report(stamped)))
        .onComplete(
            done -> {
              inFlight = false;
              if (done.succeeded()) {
                writtenSeq = seq;
              } else {
                newer = true; // written again at the next repeat at the latest
                LOG.debug(
                    "{} could not publish its verdicts: {}", replica, done.cause().toString());
                return;
              }
              writeIfIdle();
            });
  }

  private Void write(byte[] json) throws Exception {
    try {
      client.setData().forPath(path, json);
    } catch (KeeperException.NoNodeException first) { // first write, or a new session
      client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, json);
    }
    return null;
  }

  private void reported(ChildData node) {
    String name = ZkPaths.name(node.getPath());
    if (!node.getPath().startsWith(ZkPaths.VERDICTS + "/") || name.equals(replica)) {
      return;
    }
    Report report;
    try {
      report = ZkJson.report(node.getData());
    } catch (RuntimeException unreadable) {
      LOG.warn("unreadable verdicts of {}: {}", name, unreadable.toString());
      return;
    }
    Long last = lastSeq.get(name);
    if (last != null && report.seq() <= last) {
      return;
    }
    lastSeq.put(name, report.seq());
    Received received = new Received(report, nanos.getAsLong());
    listeners.forEach(l -> l.accept(received));
  }

  /** The replica's session ended: it is heard as a report with no verdicts. */
  private void left(ChildData node) {
    String name = ZkPaths.name(node.getPath());
    if (!node.getPath().startsWith(ZkPaths.VERDICTS + "/") || name.equals(replica)) {
      return;
    }
    lastSeq.remove(name); // a new process of that name starts its seq anew
    Received received = new Received(new Report(name, Long.MAX_VALUE, Map.of()), nanos.getAsLong());
    listeners.forEach(l -> l.accept(received));
  }
}
