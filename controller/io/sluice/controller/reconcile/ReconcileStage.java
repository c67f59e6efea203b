package io.sluice.controller.reconcile;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a route's reconciler is doing, with a fixed numeric code for the {@code
 * sluice_route_reconcile_stage} gauge and the explicit table of legal moves. The policy's {@code
 * Phase} says where traffic should be; the stage says what the reconciler does about it.
 */
enum ReconcileStage {
  /** No policy state yet: the cold start's read is due (after a back-off when it failed). */
  UNSTARTED(0),
  /** The cold start's read of every piece is in flight. */
  COLD_READING(1),
  /** Started and idle: each tick decides, and reads or applies when due. */
  IDLE(2),
  /** A read of every piece is in flight. */
  READING(3),
  /** A change is in flight: the intent is journaled and the actuators are writing. */
  APPLYING(4),
  /** A read or a change failed; nothing is tried before the back-off ends. */
  WAITING(5),
  /**
   * Another replica leads (or none does): no reads for writing, no writes, no policy state. Left
   * for UNSTARTED, a cold start, once this replica leads again.
   */
  FOLLOWING(6);

  private static final Map<ReconcileStage, Set<ReconcileStage>> LEGAL =
      Map.of(
          UNSTARTED, EnumSet.of(COLD_READING, FOLLOWING),
          COLD_READING, EnumSet.of(IDLE, UNSTARTED),
          IDLE, EnumSet.of(READING, APPLYING, FOLLOWING),
          READING, EnumSet.of(IDLE, WAITING),
          APPLYING, EnumSet.of(IDLE, WAITING),
          WAITING, EnumSet.of(READING, APPLYING, IDLE, FOLLOWING),
          FOLLOWING, EnumSet.of(UNSTARTED));

  private final int code;

  ReconcileStage(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  /** Whether a read or a change is in flight: ticks decide nothing new for the route then. */
  boolean busy() {
    return this == COLD_READING || this == READING || this == APPLYING;
  }

  /**
   * @return {@code next}
   * @throws IllegalStateException for a move the table does not allow
   */
  ReconcileStage moveTo(ReconcileStage next) {
    if (next != this && !LEGAL.get(this).contains(next)) {
      throw new IllegalStateException("illegal reconcile stage move " + this + " -> " + next);
    }
    return next;
  }
}
