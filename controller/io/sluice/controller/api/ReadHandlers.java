package io.sluice.controller.api;

import io.sluice.controller.reconcile.RouteReconciler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** GET handlers: services, one service, explain, audit. Every role may read. */
final class ReadHandlers {
  static final int DEFAULT_AUDIT_LIMIT = 1000;
  static final int MAX_AUDIT_LIMIT = 10_000;
  private final ApiState state;

  ReadHandlers(ApiState state) {
    this.state = state;
  }

  void services(RoutingContext ctx) {
    JsonArray services = new JsonArray();
    state.config().services().forEach(s -> services.add(Views.service(state, s.name())));
    json(ctx, new JsonObject().put("services", services));
  }

  void service(RoutingContext ctx) {
    json(ctx, Views.service(state, ctx.pathParam("name")));
  }

  void explain(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    List<RouteReconciler> routes = state.routes(name);
    Instant at =
        Moments.parse("at", ctx.queryParams().get("at"), state.wall())
            .orElse(state.wall().instant());
    List<HistoryEntry> found =
        state.desk().history().at(name, routes.stream().map(RouteReconciler::route).toList(), at);
    if (found.isEmpty()) {
      throw new ProblemException(
          new Problem(
              404,
              "not found",
              name + " has no decision recorded at or before " + at,
              "at",
              "within the decision history"));
    }
    JsonArray views = new JsonArray();
    found.forEach(e -> views.add(Views.history(e).put("why", why(e))));
    json(
        ctx,
        new JsonObject()
            .put("service", name)
            .put("at", at.toString())
            .put("policyVersion", state.desk().policyVersion(name))
            .put("routes", views));
  }

  /** One sentence: who or what decided, and on which rule. */
  private static String why(HistoryEntry e) {
    String who =
        e.override()
            .map(
                o ->
                    "operator override ("
                        + o.describe()
                        + " by "
                        + o.actor()
                        + ", until "
                        + o.expiresAt()
                        + "): ")
            .orElse("automation: ");
    return who
        + e.decision().split()
        + " because "
        + e.decision().reason()
        + "; cvm "
        + e.health().cvm()
        + ", scf "
        + e.health().scf();
  }

  void audit(RoutingContext ctx) {
    Optional<String> service = Optional.ofNullable(ctx.queryParams().get("service"));
    service.ifPresent(state::routes);
    Optional<Instant> since = Moments.parse("since", ctx.queryParams().get("since"), state.wall());
    int limit = limit(ctx.queryParams().get("limit"));
    // Reading (up to every rotated file) must not stall the daemon's context, where ticks run.
    ctx.vertx()
        .executeBlocking(() -> state.desk().audit().read(service, since, limit), false)
        .onSuccess(entries -> json(ctx, new JsonObject().put("entries", Views.entries(entries))))
        .onFailure(e -> ctx.fail(e instanceof IOException io ? new UncheckedIOException(io) : e));
  }

  /**
   * The audit limit, written in digits: the schema's integer check lets 1e3 or 10.0 through (both
   * are integers in JSON), and they must be a 400 here, not a 500.
   */
  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_AUDIT_LIMIT;
    }
    if (!text.matches("[0-9]{1,5}")
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) > MAX_AUDIT_LIMIT) {
      throw new ProblemException(
          Problem.badRequest(
              "limit",
              "a whole number 1-" + MAX_AUDIT_LIMIT + " in digits",
              "limit: must be a whole number 1-"
                  + MAX_AUDIT_LIMIT
                  + " written in digits, got '"
                  + text
                  + "'"));
    }
    return Integer.parseInt(text);
  }

  /**
   * Who the credentials are and what they may do, so a client (the status page) offers only that.
   */
  void whoami(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    json(
        ctx,
        new JsonObject()
            .put("actor", caller.actor())
            .put("role", caller.role().id())
            .put("services", new JsonArray(caller.services()))
            .put("mayResume", caller.mayResume()));
  }

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("content-type", "application/json").end(body.encodePrettily());
  }
}
