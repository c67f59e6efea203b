package io.sluice.controller.ha.zk;

import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.Role;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's leadership on ZooKeeper: the role and epoch the election and the connection state
 * set, and the lease its answered requests keep.
 *
 * <p>Curator's threads change it, the daemon's context reads it: a demotion takes effect at once,
 * on the thread that learnt of it (so no fenced put that starts afterwards passes the role check),
 * and the listeners hear of it on the context, in order, before the answer of any put that was
 * still on its way.
 */
final class ZkLeadership implements Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(ZkLeadership.class);

  private final ReplicaInfo self;
  private final Context context;
  private final LongSupplier nanos;
  private final Lease lease = new Lease();
  private final List<Consumer<Role>> listeners = new CopyOnWriteArrayList<>();
  private volatile Role role = Role.FOLLOWING;
  private volatile long epoch;
  private volatile long groupEpoch;
  private volatile boolean connected;
  private volatile Duration sessionTimeout = Duration.ZERO;
  private volatile Optional<ReplicaInfo> leader = Optional.empty();

  ZkLeadership(ReplicaInfo self, Context context, LongSupplier nanos) {
    this.self = self;
    this.context = context;
    this.nanos = nanos;
  }

  @Override
  public Role role() {
    return role;
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public Duration actFor(long nowNanos) {
    return role == Role.LEADING && connected ? lease.remaining(nowNanos) : Duration.ZERO;
  }

  @Override
  public Optional<ReplicaInfo> leader() {
    return role == Role.LEADING ? Optional.of(self) : leader;
  }

  @Override
  public void onRoleChange(Consumer<Role> listener) {
    listeners.add(listener);
  }

  /** Whether this replica may write in {@code inEpoch} now. */
  boolean actsIn(long inEpoch) {
    return role == Role.LEADING && epoch == inEpoch && actFor(nanos.getAsLong()).isPositive();
  }

  boolean connected() {
    return connected;
  }

  /** ZooKeeper answered a request sent at {@code sentNanos} on the current session. */
  void confirmed(long sentNanos) {
    lease.confirmed(sentNanos, sessionTimeout);
  }

  /** Connected (again) on a session of the negotiated {@code timeout}. */
  synchronized void connected(Duration timeout) {
    sessionTimeout = timeout;
    connected = true;
  }

  /** SUSPENDED: no acting until the election has run again. */
  synchronized void suspended() {
    connected = false;
    follow("the connection to ZooKeeper is suspended");
  }

  /** LOST: the session ended, with everything it confirmed. */
  synchronized void lost() {
    connected = false;
    lease.forget();
    follow("the ZooKeeper session is lost");
  }

  /** The leader as last read from the election. */
  void seen(Optional<ReplicaInfo> leader) {
    this.leader = leader;
  }

  /** The newest epoch granted in the group, as last read from ZooKeeper. */
  void seenEpoch(long granted) {
    groupEpoch = Math.max(groupEpoch, granted);
  }

  @Override
  public long groupEpoch() {
    return Math.max(groupEpoch, epoch);
  }

  /**
   * Takes {@code granted} as this replica's epoch, if it is connected and {@code stillElected}.
   *
   * @return whether it leads now
   */
  synchronized boolean lead(long granted, BooleanSupplier stillElected) {
    if (!connected || !stillElected.getAsBoolean()) {
      return false;
    }
    epoch = granted;
    role = Role.LEADING;
    leader = Optional.of(self);
    LOG.info("{} leads the group in epoch {}", self.name(), granted);
    tell(Role.LEADING);
    return true;
  }

  /** Gives leadership up, if held. */
  synchronized void follow(String why) {
    if (role != Role.LEADING) {
      return;
    }
    role = Role.FOLLOWING;
    LOG.warn("{} no longer leads (epoch {}): {}", self.name(), epoch, why);
    epoch = 0;
    leader = Optional.empty();
    tell(Role.FOLLOWING);
  }

  private void tell(Role now) {
    context.runOnContext(v -> listeners.forEach(l -> l.accept(now)));
  }
}
