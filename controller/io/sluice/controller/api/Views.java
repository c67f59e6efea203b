package io.sluice.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.BackendHealth;
import io.sluice.health.Evidence;
import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON the API answers with, built from the daemon's live objects. */
final class Views {
  static final int DECISIONS_SHOWN = 5;

  private Views() {}

  static JsonObject service(ApiState state, String name) {
    List<RouteReconciler> routes = state.routes(name);
    OperatorDesk desk = state.desk();
    JsonObject health = new JsonObject();
    for (Backend backend : Backend.values()) {
      health.put(backend.id(), backendHealth(state.health().apply(name, backend)));
    }
    JsonArray routeViews = new JsonArray();
    for (RouteReconciler route : routes) {
      routeViews.add(route(route, desk.history().latest(name, route.route(), DECISIONS_SHOWN)));
    }
    return new JsonObject()
        .put("name", name)
        .put("policyVersion", desk.policyVersion(name))
        .put("health", health)
        .put("override", desk.store().current(name).map(Views::override).orElse(null))
        .put("resumeGeneration", desk.store().overrides(name).resumeGeneration())
        .put("routes", routeViews);
  }

  private static JsonObject backendHealth(BackendHealth health) {
    JsonArray evidence = new JsonArray();
    for (Evidence e : health.evidence()) {
      evidence.add(
          new JsonObject()
              .put("vantage", e.vantage())
              .put("check", e.check())
              .put("status", e.status().name())
              .put("detail", e.describe()));
    }
    return new JsonObject()
        .put("verdict", health.verdict().name())
        .put("summary", health.summary())
        .put("evidence", evidence);
  }

  private static JsonObject route(RouteReconciler route, List<HistoryEntry> latest) {
    JsonObject view =
        new JsonObject()
            .put("route", route.route())
            .put("phase", route.phase().name())
            .put("busy", route.busy());
    route.state().ifPresent(s -> view.put("desired", s.split().toString()));
    route
        .actual()
        .ifPresentOrElse(
            a -> view.put("actual", a.split().toString()).put("actualDetail", a.detail()),
            () -> view.put("actual", (String) null));
    String desired = view.getString("desired");
    view.put("pending", desired != null && !desired.equals(view.getString("actual")));
    route
        .prewarm()
        .ifPresent(
            p ->
                view.put(
                    "prewarm",
                    new JsonObject()
                        .put("state", p.state().name())
                        .put("function", p.function())
                        .put("detail", p.detail())));
    JsonArray decisions = new JsonArray();
    latest.forEach(e -> decisions.add(history(e)));
    return view.put("decisions", decisions);
  }

  static JsonObject history(HistoryEntry e) {
    Decision d = e.decision();
    return new JsonObject()
        .put("route", e.route())
        .put("since", e.since().toString())
        .put("until", e.until().toString())
        .put("kind", e.kind())
        .put("split", d.split().toString())
        .put("phase", d.phase().name())
        .put("rule", d.reason().rule())
        .put("text", d.reason().text())
        .put("inputs", inputs(d.reason()))
        .put("verdicts", new JsonObject().put("cvm", e.health().cvm()).put("scf", e.health().scf()))
        .put("override", e.override().map(Views::override).orElse(null))
        .put("policyVersion", e.policyVersion());
  }

  private static JsonObject inputs(Reason reason) {
    JsonObject inputs = new JsonObject();
    for (Map.Entry<String, String> i : reason.inputs().entrySet()) {
      inputs.put(i.getKey(), i.getValue());
    }
    return inputs;
  }

  static JsonObject override(OverrideRecord o) {
    return new JsonObject()
        .put("service", o.service())
        .put("kind", o.kind())
        .put("split", o.split().orElse(null))
        .put("actor", o.actor())
        .put("reason", o.reason())
        .put("setAt", o.setAt().toString())
        .put("expiresAt", o.expiresAt().toString())
        .put("forced", o.forced())
        .put("requestId", o.requestId());
  }

  static JsonObject overrideOrNull(Optional<OverrideRecord> o) {
    return o.map(Views::override).orElse(null);
  }

  static JsonArray entries(List<JsonNode> entries) {
    JsonArray array = new JsonArray();
    entries.forEach(e -> array.add(new JsonObject(e.toString())));
    return array;
  }
}
