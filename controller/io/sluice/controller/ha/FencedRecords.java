package io.sluice.controller.ha;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Records only the leader writes, each write conditioned on its epoch: in ZooKeeper, one
 * transaction that checks the epoch node's version and this replica's live leadership along with
 * the write. The leader puts a route's intent here before each cloud write (the write waits for
 * it), and the route's policy state after each decision that changes it, so that a new leader
 * starts from both instead of from nothing.
 *
 * <p>Futures complete on the daemon's context.
 */
public interface FencedRecords {

  /**
   * Writes {@code data} at {@code key} (a route's key, such as {@code intent/shop/shop}) if this
   * replica still leads in {@code epoch}.
   *
   * @return fails with {@link FencedOut} when it does not, before anything is written; with another
   *     exception when ZooKeeper could not be reached (the write's outcome is then unknown, and the
   *     cloud write must not be made either)
   */
  Future<Void> put(String key, long epoch, byte[] data);

  /** What {@code key} holds, with the epoch and replica that wrote it; read at a takeover. */
  Future<Optional<Fenced>> get(String key);

  /**
   * A fenced record as read.
   *
   * @param epoch the epoch of the leader that wrote it
   * @param replica the replica that wrote it
   * @param groupMillis when, on the group's clock ({@link GroupTime})
   */
  record Fenced(long epoch, String replica, long groupMillis, byte[] data) {}
}
