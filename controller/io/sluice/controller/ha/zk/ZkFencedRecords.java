package io.sluice.controller.ha.zk;

import io.sluice.controller.ha.FencedOut;
import io.sluice.controller.ha.FencedRecords;
import io.sluice.controller.ha.GroupTime;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Fenced records at {@code /fenced/<key>}: each put one transaction, {@code check(/epoch, version
 * == epoch)} with the record's create or set, made only while this replica leads in that epoch
 * within its lease. A BadVersion on the check is {@link FencedOut}; a lost connection fails
 * otherwise (the outcome is unknown).
 */
final class ZkFencedRecords implements FencedRecords {
  private static final int ATTEMPTS = 3;

  private final CuratorFramework client;
  private final String replica;
  private final ZkLeadership leadership;
  private final GroupTime time;
  private final LongSupplier nanos;
  private final OnContext io;
  private final Runnable fencedOut;

  /**
   * @param fencedOut told of each put refused
   */
  ZkFencedRecords(
      CuratorFramework client,
      String replica,
      ZkLeadership leadership,
      GroupTime time,
      LongSupplier nanos,
      OnContext io,
      Runnable fencedOut) {
    this.client = client;
    this.replica = replica;
    this.leadership = leadership;
    this.time = time;
    this.nanos = nanos;
    this.io = io;
    this.fencedOut = fencedOut;
  }

  @Override
  public Future<Void> put(String key, long epoch, byte[] data) {
    if (!leadership.actsIn(epoch)) {
      return refused(
          new FencedOut(
              epoch,
              replica
                  + " is "
                  + leadership.role()
                  + " in epoch "
                  + leadership.epoch()
                  + " with "
                  + leadership.actFor(nanos.getAsLong())
                  + " of lease left"));
    }
    String path = ZkPaths.fenced(key);
    return io.<Void>call(
            () -> {
              long sent = nanos.getAsLong();
              byte[] record =
                  ZkJson.fenced(new Fenced(epoch, replica, time.groupMillis(sent), data));
              write(path, epoch, record);
              leadership.confirmed(sent);
              return null;
            })
        .recover(
            e ->
                e instanceof KeeperException.BadVersionException
                    ? refused(new FencedOut(epoch, "a newer epoch began"))
                    : Future.failedFuture(e))
        .compose(
            written ->
                leadership.actsIn(epoch)
                    ? Future.succeededFuture()
                    : refused(
                        new FencedOut(
                            epoch,
                            "leadership ended while " + key + " was written: no cloud write now")));
  }

  @Override
  public Future<Optional<Fenced>> get(String key) {
    return io.call(
        () -> {
          try {
            return Optional.of(ZkJson.fenced(client.getData().forPath(ZkPaths.fenced(key))));
          } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
          }
        });
  }

  private <T> Future<T> refused(FencedOut why) {
    fencedOut.run();
    return Future.failedFuture(why);
  }

  /** Sets the record, or creates it (and its parents) when it does not exist yet. */
  private void write(String path, long epoch, byte[] record) throws Exception {
    boolean exists = true;
    for (int attempt = 1; ; attempt++) {
      CuratorOp check =
          client.transactionOp().check().withVersion(Math.toIntExact(epoch)).forPath(ZkPaths.EPOCH);
      CuratorOp change =
          exists
              ? client.transactionOp().setData().forPath(path, record)
              : client.transactionOp().create().forPath(path, record);
      try {
        client.transaction().forOperations(List.of(check, change));
        return;
      } catch (KeeperException.NoNodeException | KeeperException.NodeExistsException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        exists = e instanceof KeeperException.NodeExistsException;
        if (!exists) {
          mkdirs(ZKPaths.getPathAndNode(path).getPath());
        }
      }
    }
  }

  private void mkdirs(String parent) throws Exception {
    try {
      client.create().creatingParentsIfNeeded().forPath(parent);
    } catch (KeeperException.NodeExistsException already) {
      // another put made it first
    }
  }
}
