package io.sluice.controller.api;

import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.BackendHealth;
import io.sluice.policies.Backend;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the API reads and changes. Every handler runs on the daemon's context, the one the monitor
 * and the reconcilers live on.
 *
 * @param health a backend's verdict with its evidence (the health monitor's)
 * @param readiness whether every route has read the cloud (and so started its policy), and the
 *     changes escalated as not moved
 * @param metrics the Prometheus text exposition
 */
public record ApiState(
    SluiceConfig config,
    Map<String, List<RouteReconciler>> reconcilers,
    BiFunction<String, Backend, BackendHealth> health,
    OperatorDesk desk,
    Supplier<Readiness> readiness,
    Supplier<String> metrics,
    Clock wall) {
  public ApiState {
    Objects.requireNonNull(config, "config");
    reconcilers = Map.copyOf(reconcilers);
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(desk, "desk");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(wall, "wall");
  }

  /** The routes of a configured service; a 404 problem for any other name. */
  List<RouteReconciler> routes(String service) {
    List<RouteReconciler> routes = reconcilers.get(service);
    if (routes == null) {
      throw new ProblemException(
          Problem.notFound("name", "no configured service is called '" + service + "'"));
    }
    return routes;
  }
}
