package io.sluice.controller.reconcile;

import io.sluice.controller.actuate.Actuator;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Each piece's move toward {@code desired}, as far as {@link #safe} allows; pieces that already
   * read their target are left out.
   *
   * @param moves the split each piece that must change is to be moved to
   * @param held for each piece the guard kept short of {@code desired}, why (empty when none)
   */
  record Moves(Map<Actuator, TrafficSplit> moves, List<String> held) {
    boolean none() {
      return moves.isEmpty();
    }

    /** Whether a move gives an empty piece a target or moves traffic off a DOWN backend. */
    boolean urgent(CloudView view, HealthSnapshot health) {
      return moves.entrySet().stream()
          .anyMatch(
              m -> {
                CloudView.Piece piece = view.piece(m.getKey());
                return piece instanceof CloudView.Empty
                    || leavesADownBackend(piece.parts(), m.getValue(), health);
              });
    }
  }

  static Moves toward(TrafficSplit desired, CloudView view, HealthSnapshot health) {
    Map<Actuator, TrafficSplit> moves = new LinkedHashMap<>();
    List<String> held = new ArrayList<>();
    for (Actuator actuator : view.actuators()) {
      CloudView.Piece piece = view.piece(actuator);
      Optional<TrafficSplit> safe = safe(desired, piece.parts(), health);
      if (safe.isEmpty() || !safe.get().equals(desired)) {
        held.add(
            actuator.kind()
                + " at "
                + safe.map(TrafficSplit::toString).orElse("what it routes")
                + " (would raise a DOWN backend's share)");
      }
      safe.filter(target -> !view.at(actuator, target)).ifPresent(t -> moves.put(actuator, t));
    }
    return new Moves(moves, held);
  }

  /** A target for each piece that routes to nothing, and nothing else. */
  static Moves repairs(TrafficSplit desired, CloudView view, HealthSnapshot health) {
    Map<Actuator, TrafficSplit> moves = new LinkedHashMap<>();
    for (Actuator actuator : view.actuators()) {
      if (view.piece(actuator) instanceof CloudView.Empty) {
        safe(desired, List.of(), health).ifPresent(t -> moves.put(actuator, t));
      }
    }
    return new Moves(moves, List.of());
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
