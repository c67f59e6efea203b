package io.sluice.sandbox.admin;

import io.sluice.sandbox.api.ControlPlaneFaults;
import io.sluice.sandbox.api.Credentials;
import io.sluice.sandbox.api.Fault;
import io.sluice.sandbox.api.Mutation;
import io.sluice.sandbox.api.MutationLog;
import io.sluice.sandbox.audit.MutationResource;
import io.sluice.sandbox.audit.RoutingHistory;
import io.sluice.sandbox.clb.TaskEngine;
import io.sluice.sandbox.dataplane.clb.VantageLoss;
import io.sluice.sandbox.dataplane.functions.FunctionFault;
import io.sluice.sandbox.scenario.ScenarioSettings;
import io.sluice.sandbox.wiring.FunctionCatalog;
import io.sluice.sandbox.wiring.InstanceControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The sandbox's admin API on its own loopback port: the faults a test or a person injects while
 * watching traffic, and the mutation log later tests read. Every mutation answers 204; bad input
 * answers 400 with {@code {"error": "..."}} naming the parameter and the value.
 *
 * <pre>
 * GET    /admin/mutations                               accepted cloud writes, oldest first
 * GET    /admin/routing                                 every change of a rule's or name's targets
 * GET    /admin/credentials                             the keys: name, SecretId, revoked
 * POST   /admin/credentials  {"name","secretId","secretKey"}   accept one more key
 * POST   /admin/credentials/{name}/revoke | restore     AuthFailure for that key, or not
 * POST   /admin/vantage-loss?vantage=r1&target=lbl-x&share=0.2&kind=drop|fail&seed=7
 *        lose that share of the vantage point's requests to a listener or rule (or *)
 * DELETE /admin/vantage-loss                            lose nothing
 * POST   /admin/instances/{id}/stop | start | hang | heal
 * POST   /admin/instances/{id}/break?status=503
 * POST   /admin/instances/{id}/slow?delay=2s | trickle?every=100ms
 * POST   /admin/functions/{namespace}/{name}/fault/{none|fail|time_out|malformed_output}
 * POST   /admin/faults/{action}?code=..&message=..      an API error ({action} may be *)
 * POST   /admin/faults/{action}?latency=2s | ?kind=hang|reset|malformed-json|no-response|http-500
 *        (add &times=N for the next N calls that pass the signature and routing checks;
 *        default until cleared)
 * DELETE /admin/faults                                  clear every control-plane fault
 * POST   /admin/clock-skew?by=5m  (or by=-5m)           shift the API's clock (SignatureExpire)
 * POST   /admin/tasks/fail-next?message=..              the next CLB task fails (Status 1)
 * </pre>
 */
public final class AdminApi {
  private final Vertx vertx;
  private final InstanceControl instances;
  private final FunctionCatalog functions;
  private final ControlPlaneFaults faults;
  private final MutationLog mutations;
  private final TaskEngine tasks;
  private final Supplier<Future<Void>> reconcileInstances;
  private final Audit audit;
  private HttpServer server;

  /**
   * What the admin API shows and changes besides faults: the keys, the routing history, and the
   * data plane's loss per vantage point.
   */
  public record Audit(Credentials credentials, RoutingHistory routing, VantageLoss vantageLoss) {}

  public AdminApi(
      Vertx vertx,
      InstanceControl instances,
      FunctionCatalog functions,
      ControlPlaneFaults faults,
      MutationLog mutations,
      TaskEngine tasks,
      Supplier<Future<Void>> reconcileInstances,
      Audit audit) {
    this.vertx = vertx;
    this.audit = audit;
    this.instances = instances;
    this.functions = functions;
    this.faults = faults;
    this.mutations = mutations;
    this.tasks = tasks;
    this.reconcileInstances = reconcileInstances;
  }

  /** Binds a free loopback port. */
  public Future<Integer> listen() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.get("/admin/mutations").handler(this::mutations);
    router.get("/admin/routing").handler(this::routing);
    router.get("/admin/credentials").handler(this::credentials);
    router.post("/admin/credentials").handler(this::addCredential);
    router
        .post("/admin/credentials/:name/:verb")
        .handler(ctx -> done(ctx, () -> credential(ctx.pathParam("name"), ctx.pathParam("verb"))));
    router.post("/admin/vantage-loss").handler(ctx -> done(ctx, () -> vantageLoss(ctx)));
    router
        .delete("/admin/vantage-loss")
        .handler(ctx -> done(ctx, () -> audit.vantageLoss().clear()));
    router.post("/admin/instances/:id/:verb").handler(this::instance);
    router.post("/admin/functions/:namespace/:name/fault/:fault").handler(this::functionFault);
    router.post("/admin/faults/:action").handler(this::fault);
    router.delete("/admin/faults").handler(ctx -> done(ctx, () -> faults.clearAll()));
    router
        .post("/admin/clock-skew")
        .handler(ctx -> done(ctx, () -> faults.clockSkew(signedDuration("by", param(ctx, "by")))));
    router
        .post("/admin/tasks/fail-next")
        .handler(
            ctx ->
                done(
                    ctx,
                    () ->
                        tasks.failNext(
                            ctx.queryParam("message").stream()
                                .findFirst()
                                .orElse("injected task failure"))));
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
    return server.requestHandler(router).listen(0).map(HttpServer::actualPort);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void mutations(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (Mutation m : mutations.entries()) {
      list.add(
          new JsonObject()
              .put("time", m.time().toString())
              .put("secretId", m.secretId())
              .put("credential", m.credential())
              .put("service", m.service())
              .put("action", m.action())
              .put("resource", MutationResource.of(m.service(), m.action(), m.parameters()))
              .put("requestId", m.requestId())
              .put("parameters", m.parameters()));
    }
    ctx.response().putHeader("Content-Type", "application/json").end(list.encode());
  }

  private void routing(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (RoutingHistory.Change c : audit.routing().changes()) {
      list.add(
          new JsonObject()
              .put("time", c.time().toString())
              .put("resource", c.resource())
              .put("targets", new JsonObject(new java.util.TreeMap<>(c.targets()))));
    }
    json(ctx, list.encode());
  }

  private void credentials(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (Credentials.Credential c : audit.credentials().list()) {
      list.add(
          new JsonObject()
              .put("name", c.name())
              .put("secretId", c.secretId())
              .put("revoked", audit.credentials().isRevoked(c.secretId())));
    }
    json(ctx, list.encode());
  }

  private void addCredential(RoutingContext ctx) {
    done(
        ctx,
        () -> {
          JsonObject body;
          try {
            body = ctx.body().asJsonObject();
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("body: must be a JSON object, " + e.getMessage());
          }
          if (body == null) {
            throw new IllegalArgumentException(
                "body: must be a JSON object with name, secretId, secretKey");
          }
          audit
              .credentials()
              .add(field(body, "name"), field(body, "secretId"), field(body, "secretKey"));
        });
  }

  private static String field(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException(name + ": is required (a non-empty string), got " + value);
    }
    return text;
  }

  private void credential(String name, String verb) {
    switch (verb) {
      case "revoke" -> audit.credentials().revoke(name);
      case "restore" -> audit.credentials().restore(name);
      default ->
          throw new IllegalArgumentException("verb: must be revoke or restore, got '" + verb + "'");
    }
  }

  private void vantageLoss(RoutingContext ctx) {
    String share = param(ctx, "share");
    double value;
    try {
      value = Double.parseDouble(share);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("share: must be a number 0-1, got '" + share + "'");
    }
    String seed = ctx.queryParam("seed").stream().findFirst().orElse("1");
    long seedValue;
    try {
      seedValue = Long.parseLong(seed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("seed: must be an integer, got '" + seed + "'");
    }
    audit
        .vantageLoss()
        .set(
            new VantageLoss.Rule(
                param(ctx, "vantage"),
                ctx.queryParam("target").stream().findFirst().orElse("*"),
                value,
                VantageLoss.Kind.parse(ctx.queryParam("kind").stream().findFirst().orElse("drop")),
                seedValue));
  }

  private static void json(RoutingContext ctx, String body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body);
  }

  /** Changes an instance, then answers once its server matches (never blocking the loop). */
  private void instance(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String verb = ctx.pathParam("verb");
    boolean changed =
        apply(
            ctx,
            () -> {
              switch (verb) {
                case "stop" -> instances.stop(id);
                case "start" -> instances.start(id);
                case "hang" -> instances.hang(id);
                case "heal" -> instances.heal(id);
                case "break" -> instances.breakWith(id, intParam(ctx, "status", 100, 599));
                case "slow" -> instances.slow(id, signedDuration("delay", param(ctx, "delay")));
                case "trickle" ->
                    instances.trickle(id, signedDuration("every", param(ctx, "every")));
                default ->
                    throw new IllegalArgumentException(
                        "verb: must be stop, start, hang, heal, break, slow or trickle, got '"
                            + verb
                            + "'");
              }
            });
    if (changed) {
      reconcileInstances
          .get()
          .onSuccess(ignored -> ctx.response().setStatusCode(204).end())
          .onFailure(
              failure ->
                  ctx.response()
                      .setStatusCode(500)
                      .putHeader("Content-Type", "application/json")
                      .end(
                          new JsonObject()
                              .put(
                                  "error",
                                  "the instance changed but its server did not: " + failure)
                              .encode()));
    }
  }

  private void functionFault(RoutingContext ctx) {
    done(
        ctx,
        () -> {
          FunctionFault fault = enumParam("fault", FunctionFault.class, ctx.pathParam("fault"));
          functions.setFault(ctx.pathParam("namespace"), ctx.pathParam("name"), fault);
        });
  }

  private void fault(RoutingContext ctx) {
    done(
        ctx,
        () -> {
          String action = ctx.pathParam("action");
          Fault fault = faultOf(ctx);
          int times = ctx.queryParam("times").isEmpty() ? 0 : intParam(ctx, "times", 1, 1_000_000);
          if (times > 0) {
            faults.times(action, fault, times);
          } else {
            faults.untilCleared(action, fault);
          }
        });
  }

  private static Fault faultOf(RoutingContext ctx) {
    if (!ctx.queryParam("code").isEmpty()) {
      return new Fault.ApiError(
          param(ctx, "code"),
          ctx.queryParam("message").stream().findFirst().orElse("Injected by the sandbox."));
    }
    if (!ctx.queryParam("latency").isEmpty()) {
      return new Fault.Latency(signedDuration("latency", param(ctx, "latency")));
    }
    String kind = param(ctx, "kind");
    return switch (kind) {
      case "hang" -> new Fault.Hang();
      case "reset" -> new Fault.ConnectionReset();
      case "malformed-json" -> new Fault.MalformedJson();
      case "no-response" -> new Fault.MissingResponse();
      case "http-500" -> new Fault.HttpStatus(500);
      default ->
          throw new IllegalArgumentException(
              "kind: must be hang, reset, malformed-json, no-response or http-500, got '"
                  + kind
                  + "'");
    };
  }

  private static String param(RoutingContext ctx, String name) {
    return ctx.queryParam(name).stream()
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + ": is required"));
  }

  private static int intParam(RoutingContext ctx, String name, int min, int max) {
    String text = param(ctx, name);
    try {
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": must be an integer " + min + "-" + max + ", got '" + text + "'");
    }
  }

  private static Duration signedDuration(String name, String text) {
    boolean negative = text.startsWith("-");
    Duration d = ScenarioSettings.duration(name, negative ? text.substring(1) : text);
    return negative ? d.negated() : d;
  }

  private static <E extends Enum<E>> E enumParam(String name, Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name
              + ": must be one of "
              + java.util.Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList()
              + ", got '"
              + text
              + "'");
    }
  }

  /** Runs a change; 204 when it took, 400 naming what was wrong otherwise. */
  private static void done(RoutingContext ctx, Runnable change) {
    if (apply(ctx, change)) {
      ctx.response().setStatusCode(204).end();
    }
  }

  /** Runs a change; on bad input answers 400 naming it and returns false. */
  private static boolean apply(RoutingContext ctx, Runnable change) {
    try {
      change.run();
      return true;
    } catch (IllegalArgumentException e) {
      ctx.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", e.getMessage()).encode());
      return false;
    }
  }
}
