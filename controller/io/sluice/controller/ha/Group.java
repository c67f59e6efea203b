package io.sluice.controller.ha;

import io.vertx.core.Future;
import java.util.List;

/**
 * The replica group this daemon belongs to: leadership, fenced records, shared documents, the
 * verdict exchange and the group's clock. {@link SoloGroup} is the group of one that a daemon
 * without {@code controller.ha} runs in (it always leads, and shares nothing); {@code ZkGroup} is
 * the real one, on ZooKeeper through Curator.
 *
 * <p>Everything is read on the daemon's context, and every callback and future comes back there.
 */
public interface Group extends AutoCloseable {
  /** This replica's name (its vantage point's). */
  String replica();

  Leadership leadership();

  FencedRecords fenced();

  /** The shared document {@code name} (such as {@code overrides}). */
  SharedDoc doc(String name);

  VerdictExchange verdicts();

  GroupTime time();

  /** The replicas whose sessions live now, this one included, by name. */
  List<ReplicaInfo> replicas();

  /**
   * Whether this replica's session is connected to the group now (always, for a group of one): a
   * disconnected replica neither leads nor reaches the others with its verdicts.
   */
  default boolean connected() {
    return true;
  }

  /**
   * Joins: connects, registers this replica and runs for leadership. Completes once connected and
   * registered (not once leading); fails when the ensemble cannot be reached within the connection
   * timeout.
   */
  Future<Void> start();

  /** Leaves: gives leadership up (if held) and closes the session. */
  @Override
  void close();
}
