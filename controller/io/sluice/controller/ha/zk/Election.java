package io.sluice.controller.ha.zk;

import io.sluice.controller.ha.ReplicaInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this replica for leadership with a Curator LeaderLatch, and takes a new epoch on each grant
 * before it leads: {@code setData(/epoch)} on its version and {@code create /epochs/<epoch>}, in
 * one transaction. A latch lost with the session is closed, and a new one runs once a new session
 * is connected.
 *
 * <p>The latch is started, closed and granted on {@code serial}, one thing at a time.
 */
final class Election implements LeaderLatchListener {
  private static final Logger LOG = LoggerFactory.getLogger(Election.class);
  private static final int GRANT_ATTEMPTS = 3;

  private final CuratorFramework client;
  private final ReplicaInfo self;
  private final ZkLeadership leadership;
  private final ExecutorService serial;
  private final LongSupplier nanos;
  private final Runnable granted;
  // never started: it only reads who leads, also while this replica runs no latch of its own
  // (stepped out of the election, or between a lost session and a new latch)
  private final LeaderLatch observer;
  private volatile LeaderLatch latch;
  private volatile boolean closed;
  private volatile boolean benched;

  /**
   * @param granted told of each epoch this replica takes
   */
  Election(
      CuratorFramework client,
      ReplicaInfo self,
      ZkLeadership leadership,
      ExecutorService serial,
      LongSupplier nanos,
      Runnable granted) {
    this.client = client;
    this.self = self;
    this.leadership = leadership;
    this.serial = serial;
    this.nanos = nanos;
    this.granted = granted;
    this.observer = new LeaderLatch(client, ZkPaths.LEADER);
  }

  /** Runs for leadership (again, if it had stopped). */
  void run() {
    submit(
        () -> {
          if (closed || benched || latch != null) {
            return;
          }
          LeaderLatch next =
              new LeaderLatch(
                  client,
                  ZkPaths.LEADER,
                  new String(ZkJson.replicaInfo(self), StandardCharsets.UTF_8),
                  LeaderLatch.CloseMode.SILENT);
          next.addListener(this);
          latch = next;
          try {
            next.start();
          } catch (Exception e) {
            LOG.warn("{} could not run for leadership: {}", self.name(), e.toString());
            latch = null;
          }
        });
  }

  /**
   * Stops running for leadership (giving it up if held) until {@link #unbench}: this replica should
   * not lead for {@code why}.
   */
  void bench(String why) {
    benched = true;
    leadership.follow(self.name() + " steps out of the election: " + why);
    submit(this::stop);
  }

  /** Runs for leadership again after {@link #bench}. */
  void unbench() {
    benched = false;
    run();
  }

  /** The session is lost: its latch with it; {@link #run} again once a new one is connected. */
  void lost() {
    submit(this::stop);
  }

  /** Gives leadership up for good. */
  void close() {
    closed = true;
    leadership.follow(self.name() + " is leaving the group");
    submit(this::stop);
  }

  /** The leader as the latch's nodes say now; blocking, off the event loop. */
  Optional<ReplicaInfo> readLeader() {
    try {
      Participant leader = observer.getLeader();
      return leader.isLeader() && !leader.getId().isEmpty()
          ? Optional.of(ZkJson.replicaInfo(leader.getId().getBytes(StandardCharsets.UTF_8)))
          : Optional.empty();
    } catch (Exception e) {
      LOG.debug("{} could not read the leader: {}", self.name(), e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void isLeader() {
    LeaderLatch elected = latch;
    submit(() -> grant(elected));
  }

  @Override
  public void notLeader() {
    // on Curator's thread, at once: no put may start in the old epoch from here on
    leadership.follow("another replica was elected");
  }

  private void grant(LeaderLatch elected) {
    for (int attempt = 1; attempt <= GRANT_ATTEMPTS; attempt++) {
      if (elected != latch || !elected.hasLeadership()) {
        return;
      }
      try {
        Stat stat = client.checkExists().forPath(ZkPaths.EPOCH);
        if (stat == null) {
          // removed by hand: made anew, epochs would start again from 1 and could meet an old
          // leader's; no replica leads until an operator restores it (or starts a new namespace)
          throw new IllegalStateException(ZkPaths.EPOCH + " is missing: no epoch can be granted");
        }
        long epoch = stat.getVersion() + 1L;
        byte[] name = self.name().getBytes(StandardCharsets.UTF_8);
        long sent = nanos.getAsLong();
        client
            .transaction()
            .forOperations(
                List.of(
                    client
                        .transactionOp()
                        .setData()
                        .withVersion(stat.getVersion())
                        .forPath(ZkPaths.EPOCH, name),
                    client.transactionOp().create().forPath(ZkPaths.epochGrant(epoch), name)));
        leadership.confirmed(sent);
        if (leadership.lead(epoch, () -> elected == latch && elected.hasLeadership())) {
          granted.run();
          forgetOldGrants(epoch);
        }
        return;
      } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
        LOG.info("{} raced another grant for the epoch; reading it again", self.name());
      } catch (Exception e) {
        LOG.warn("{} could not take an epoch: {}; running again", self.name(), e.toString());
        break;
      }
    }
    // elected but without an epoch: let another replica (or this one, anew) be elected
    stop();
    run();
  }

  private void submit(Runnable task) {
    try {
      serial.execute(task);
    } catch (RejectedExecutionException closing) {
      // the group is closed: nothing more to run for
    }
  }

  private void forgetOldGrants(long epoch) {
    try {
      for (String child : client.getChildren().forPath(ZkPaths.EPOCHS)) {
        long granted = Long.parseLong(child);
        if (granted <= epoch - ZkPaths.EPOCHS_KEPT) {
          client.delete().quietly().forPath(ZkPaths.EPOCHS + "/" + child);
        }
      }
    } catch (Exception e) {
      LOG.debug("{} could not trim the epoch history: {}", self.name(), e.toString());
    }
  }

  private void stop() {
    LeaderLatch current = latch;
    latch = null;
    leadership.follow("the election is stopping");
    if (current != null) {
      try {
        current.close();
      } catch (IOException | IllegalStateException e) {
        LOG.debug("{} closing its latch: {}", self.name(), e.toString());
      }
    }
  }
}
