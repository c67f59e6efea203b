package io.sluice.controller.notify;

import io.sluice.controller.config.NotificationsConfig.Event;
import io.sluice.controller.config.NotificationsConfig.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something the controller did or saw that a person may want to know at once.
 *
 * @param route the route, or empty for a service-wide event
 * @param before the state before (a split such as {@code cvm=100,scf=0}, a phase, an override)
 * @param after the state after
 * @param reason why, in the words of the rule or the operator
 * @param links named URLs to look further (the dashboard), possibly none
 */
public record Notification(
    Event event,
    Severity severity,
    String service,
    String route,
    String before,
    String after,
    String reason,
    Instant at,
    Map<String, String> links) {

  public Notification {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(service, "service");
    route = Objects.requireNonNullElse(route, "");
    before = Objects.requireNonNullElse(before, "");
    after = Objects.requireNonNullElse(after, "");
    reason = Objects.requireNonNullElse(reason, "");
    Objects.requireNonNull(at, "at");
    links = Map.copyOf(links);
  }

  /**
   * An operator's override set, changed or cleared, for the API to publish.
   *
   * @param before the override (or split) before, empty when none
   * @param after the override after, empty when cleared
   */
  public static Notification override(
      String service,
      String route,
      String before,
      String after,
      String actor,
      String reason,
      Instant at) {
    return new Notification(
        Event.OVERRIDE,
        Severity.WARNING,
        service,
        route,
        before,
        after.isEmpty() ? "cleared" : after,
        "by " + actor + (reason.isEmpty() ? "" : ": " + reason),
        at,
        Map.of());
  }

  /** A copy with more links. */
  public Notification withLinks(Map<String, String> more) {
    Map<String, String> all = new TreeMap<>(links);
    all.putAll(more);
    return new Notification(event, severity, service, route, before, after, reason, at, all);
  }

  /** One line for a person: {@code shop/shop traffic: cvm=100,scf=0 -> cvm=0,scf=100}. */
  public String headline() {
    String where = route.isEmpty() || route.equals(service) ? service : service + "/" + route;
    String change = before.isEmpty() ? after : before + " -> " + after;
    return where + " " + event.id() + (change.isEmpty() ? "" : ": " + change);
  }
}
