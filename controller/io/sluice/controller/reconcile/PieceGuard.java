package io.sluice.controller.reconcile;

import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.TrafficSplit;
import java.util.List;
import java.util.Optional;

/**
 * What one piece of a route (one actuator's routing: a CLB rule, a DNS record pair) may be moved
 * to, whatever the policy asked for: the safety the policy proves for the route, held for every
 * piece and every write below it.
 *
 * <ul>
 *   <li>A write never raises the share of a backend the verdicts say is DOWN. When the pieces of a
 *       route disagree (a crash between two actuators, a hand edit), the policy's split can mean
 *       more traffic to a dead backend for one piece; that piece then keeps what it has for that
 *       backend, and the other backend takes the rest. With both DOWN, nothing moves.
 *   <li>A piece that routes to nothing gets a target first: the policy's split, unless that sends
 *       traffic to a DOWN backend while the other is not DOWN; then all of it goes to the other.
 *       With both DOWN (or neither known) the policy's split stands: anything beats nothing.
 * </ul>
 *
 * <p>A pure function; {@code RouteReconcilerProperties} checks it over random pieces, verdicts and
 * crashes.
 */
final class PieceGuard {
  private PieceGuard() {}

  /**
   * @param parts the piece's parts as read (one split per record pair or rule), empty when the
   *     piece routes to nothing
   * @return the split to write, or empty when the piece must stay as it is (both backends DOWN)
   */
  static Optional<TrafficSplit> safe(
      TrafficSplit desired, List<TrafficSplit> parts, HealthSnapshot health) {
    if (parts.isEmpty()) {
      return Optional.of(repair(desired, health));
    }
    if (health.isDown(Backend.CVM) && health.isDown(Backend.SCF)) {
      return parts.stream().allMatch(desired::equals) ? Optional.of(desired) : Optional.empty();
    }
    for (Backend backend : Backend.values()) {
      if (health.isDown(backend)) {
        int lowest = parts.stream().mapToInt(p -> p.weight(backend)).min().orElseThrow();
        if (desired.weight(backend) > lowest) {
          return Optional.of(TrafficSplit.of(backend, lowest));
        }
      }
    }
    return Optional.of(desired);
  }

  private static TrafficSplit repair(TrafficSplit desired, HealthSnapshot health) {
    for (Backend backend : Backend.values()) {
      if (desired.weight(backend) > 0
          && health.isDown(backend)
          && !health.isDown(backend.other())) {
        return TrafficSplit.allOn(backend.other());
      }
    }
    return desired;
  }

  /** Whether moving a piece from {@code parts} to {@code target} lowers a DOWN backend's share. */
  static boolean leavesADownBackend(
      List<TrafficSplit> parts, TrafficSplit target, HealthSnapshot health) {
    for (Backend backend : Backend.values()) {
      if (health.isDown(backend)
          && parts.stream().anyMatch(p -> p.weight(backend) > target.weight(backend))) {
        return true;
      }
    }
    return false;
  }
}
