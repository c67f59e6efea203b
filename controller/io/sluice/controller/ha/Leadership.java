package io.sluice.controller.ha;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who acts, and for how long it may.
 *
 * <p>The Tencent APIs take no fencing token, so safety rests on four things (reliability.md §2.2):
 * one leader elected on ZooKeeper; an epoch taken on every grant, which every fenced record ({@link
 * FencedRecords}) is conditioned on, so a deposed leader's intent fails before its cloud write;
 * bounded actuation ({@link #actFor}: a cloud write must end before the lease could have run out,
 * since a new leader is elected only once the old session has expired); and absolute,
 * level-triggered writes, so that a duplicate converges.
 *
 * <p>Read it on the daemon's context; listeners are called there.
 */
public interface Leadership {
  /** This replica's role now. */
  Role role();

  /**
   * The epoch this replica leads in: the fencing token, which grows with every grant in the group.
   * 0 while following or solo.
   */
  long epoch();

  /**
   * The newest epoch granted in the group as this replica last read it: the one the leader leads
   * in, on a follower too; at least {@link #epoch}; 0 before the first read, and solo.
   */
  default long groupEpoch() {
    return epoch();
  }

  /**
   * How long from {@code nowNanos} this replica may still act: every cloud write must be over by
   * then. Counted from the last time ZooKeeper confirmed its session (the request's send time),
   * plus the session timeout, less a margin; {@link Duration#ZERO} while following, and while the
   * connection is SUSPENDED (which stops actuation at once). Unbounded ({@link #FOREVER}) when
   * solo.
   */
  Duration actFor(long nowNanos);

  /** The leader as last seen, when one is known (this replica itself when leading). */
  Optional<ReplicaInfo> leader();

  /**
   * Tells {@code listener} of each change of role, after it happened. A replica that loses
   * leadership is told FOLLOWING before any fenced write of its old epoch could succeed again.
   */
  void onRoleChange(Consumer<Role> listener);

  /** What {@link #actFor} answers for a replica that is not bounded by a lease. */
  Duration FOREVER = Duration.ofDays(365);
}
