package io.sluice.controller.daemon;

import io.sluice.controller.config.NotificationsConfig.Event;
import io.sluice.controller.config.NotificationsConfig.Severity;
import io.sluice.controller.notify.Notification;
import io.sluice.controller.notify.Notifications;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.policies.Decision;
import io.sluice.policies.Phase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what each route did in a tick into notifications: a new phase, a change that moved traffic,
 * a change that failed. Runs on the daemon's context after each route's tick; it only reads the
 * reconciler, so the reconciler knows nothing of notifications.
 */
final class RouteEvents {
  private final Notifications notifications;
  private final Map<RouteReconciler, Phase> phases = new HashMap<>();
  private final Map<RouteReconciler, Long> changes = new HashMap<>();
  private final Map<RouteReconciler, Long> failures = new HashMap<>();

  RouteEvents(Notifications notifications) {
    this.notifications = notifications;
  }

  void follow(RouteReconciler route, Instant now) {
    Phase phase = route.phase();
    Phase before = phases.put(route, phase);
    if (before != null && before != phase) {
      publish(route, Event.PHASE, severity(phase), before.name(), phase.name(), reason(route), now);
    }
    route
        .lastChange()
        .filter(change -> change.seq() > changes.getOrDefault(route, 0L))
        .ifPresent(
            change -> {
              changes.put(route, change.seq());
              publish(
                  route,
                  Event.TRAFFIC,
                  Severity.WARNING,
                  change.from().toString(),
                  change.to().toString(),
                  shiftReason(route),
                  now);
            });
    route
        .lastFailure()
        .filter(failure -> failure.seq() > failures.getOrDefault(route, 0L))
        .ifPresent(
            failure -> {
              failures.put(route, failure.seq());
              publish(
                  route,
                  Event.ACTUATION,
                  Severity.CRITICAL,
                  String.valueOf(failure.from()),
                  failure.desired().toString(),
                  "the change did not complete: " + failure.outcome(),
                  now);
            });
  }

  /** Phases that need a person now are critical; a failover or an override is a warning. */
  static Severity severity(Phase phase) {
    return switch (phase) {
      case BOTH_DOWN, FROZEN -> Severity.CRITICAL;
      case FAILED_OVER, OVERRIDDEN, CONFIRMING -> Severity.WARNING;
      default -> Severity.INFO;
    };
  }

  /**
   * Why traffic moved: the latest decision to shift. A change applied after a retry lands ticks
   * after that decision, when the latest ones only hold.
   */
  private static String shiftReason(RouteReconciler route) {
    return route.decisions().reversed().stream()
        .filter(d -> d instanceof Decision.Shift)
        .findFirst()
        .map(d -> d.reason().toString())
        .orElse("");
  }

  /** Why the phase changed: the decision of this tick. */
  private static String reason(RouteReconciler route) {
    List<Decision> decisions = route.decisions();
    return decisions.isEmpty() ? "" : decisions.getLast().reason().toString();
  }

  private void publish(
      RouteReconciler route,
      Event event,
      Severity severity,
      String before,
      String after,
      String reason,
      Instant now) {
    notifications.publish(
        new Notification(
            event, severity, route.service(), route.route(), before, after, reason, now, Map.of()));
  }
}
