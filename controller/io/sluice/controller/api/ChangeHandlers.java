package io.sluice.controller.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.cloud.InternalErrors;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.OverrideSafety;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUT and DELETE of an override, and resume. Each checks the caller's role and scope, takes a
 * permit from the caller's rate limiter, validates what the schema cannot say, then has the store
 * write the change and this handler write its audit entry, both on the disk lane while the daemon's
 * context goes on, and answers once both are on disk and the change is in force. When the entry
 * cannot be written the store undoes the change and the answer is 503. In a replica group they work
 * on any replica, leader or follower: the store keeps the overrides in the group's shared document.
 * A change whose outcome there is unknown (the connection was lost mid-write) may be in force: it
 * is audited with {@code outcome} {@code unknown}, then answered 503, so that a change that landed
 * is never missing from the audit trail.
 */
final class ChangeHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeHandlers.class);
  static final String REQUEST_ID = "sluice.requestId";
  private final ApiState state;
  private final MutationLimiter limiter;
  private final Duration maxTtl;

  ChangeHandlers(ApiState state, MutationLimiter limiter, Duration maxTtl) {
    this.state = state;
    this.limiter = limiter;
    this.maxTtl = maxTtl;
  }

  void setOverride(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Caller caller = admit(ctx, name, caller(ctx).mayOverride(name), "operator of " + name);
    JsonObject body = ctx.body().asJsonObject();
    String reason = OperatorText.require("reason", body.getString("reason"));
    Optional<TrafficSplit> split = routed(body);
    String kind = body.containsKey("pin") ? "pin" : body.containsKey("split") ? "split" : "pause";
    Duration ttl = ttl(body.getString("ttl"));
    boolean force = body.getBoolean("force", false);
    if (split.isPresent() && !force) {
      HealthSnapshot health =
          HealthSnapshot.of(
              state.health().apply(name, Backend.CVM).verdict(),
              state.health().apply(name, Backend.SCF).verdict(),
              0,
              state.wall().instant());
      Optional<Backend> down = OverrideSafety.downBackendRouted(split.get(), health);
      if (down.isPresent()) {
        throw new ProblemException(
            Problem.conflict(
                "force",
                "routing to a DOWN backend while the other is UP needs force",
                name
                    + ": "
                    + split.get()
                    + " sends traffic to "
                    + down.get().id()
                    + ", which is DOWN while "
                    + down.get().other().id()
                    + " is UP; send \"force\": true to do it anyway"));
      }
    }
    // the store's clock: the group's in a replica group, so every replica ends it at once
    Instant now = state.desk().store().now();
    OverrideRecord record =
        new OverrideRecord(
            name,
            kind,
            split.map(TrafficSplit::toString),
            caller.actor(),
            reason,
            now,
            now.plus(ttl),
            force,
            ctx.get(REQUEST_ID));
    Function<Optional<OverrideRecord>, ObjectNode> audit =
        before -> {
          ObjectNode entry = entry(ctx, "override.set", name, caller);
          entry.put("before", before.map(OverrideRecord::describe).orElse("automation"));
          entry.put("actual", actual(name));
          entry.put("after", record.describe());
          entry.put("reason", record.reason());
          entry.put("ttl", Durations.format(ttl));
          entry.put("expiresAt", record.expiresAt().toString());
          entry.put("force", force);
          return entry;
        };
    state
        .desk()
        .store()
        .set(record, before -> audited(audit.apply(before)))
        .onSuccess(
            before -> {
              LOG.info(
                  "{}: override {} by {} for {}: {}",
                  name,
                  record.describe(),
                  caller.actor(),
                  Durations.format(ttl),
                  record.reason());
              ReadHandlers.json(ctx, Views.override(record));
            })
        .onFailure(e -> fail(ctx, e, audit));
  }

  void clearOverride(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Caller caller = admit(ctx, name, caller(ctx).mayOverride(name), "operator of " + name);
    Function<OverrideRecord, ObjectNode> audit =
        removed -> {
          ObjectNode entry = entry(ctx, "override.clear", name, caller);
          entry.put("before", removed.describe());
          entry.put("actual", actual(name));
          entry.put("after", "automation");
          return entry;
        };
    state
        .desk()
        .store()
        .clear(name, removed -> audited(audit.apply(removed)))
        .onSuccess(
            removed -> {
              if (removed.isEmpty()) {
                fail(
                    ctx,
                    new ProblemException(
                        new Problem(
                            404,
                            "not found",
                            name + " has no override",
                            "override",
                            "must exist")));
                return;
              }
              LOG.info(
                  "{}: override {} cleared by {}", name, removed.get().describe(), caller.actor());
              ReadHandlers.json(ctx, Views.override(removed.get()));
            })
        .onFailure(
            e ->
                fail(
                    ctx,
                    e,
                    (Optional<OverrideRecord> removed) -> audit.apply(removed.orElseThrow())));
  }

  void resume(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Caller caller = admit(ctx, name, caller(ctx).mayResume(), "admin");
    String reason = OperatorText.require("reason", ctx.body().asJsonObject().getString("reason"));
    Function<Long, ObjectNode> audit =
        generation -> {
          ObjectNode entry = entry(ctx, "resume", name, caller);
          entry.put("reason", reason);
          entry.put("actual", actual(name));
          entry.put("resumeGeneration", generation);
          return entry;
        };
    state
        .desk()
        .store()
        .resume(name, generation -> audited(audit.apply(generation)))
        .onSuccess(
            generation -> {
              LOG.info("{}: automation resumed by {}: {}", name, caller.actor(), reason);
              ReadHandlers.json(
                  ctx, new JsonObject().put("service", name).put("resumeGeneration", generation));
            })
        .onFailure(e -> fail(ctx, e, audit));
  }

  /** Role, scope, then the rate limit: a 403 or 429 problem, or the caller. */
  private Caller admit(RoutingContext ctx, String name, boolean allowed, String needed) {
    state.routes(name);
    Caller caller = caller(ctx);
    if (!allowed) {
      throw new ProblemException(
          Problem.forbidden(
              caller.actor()
                  + " ("
                  + caller.role().id()
                  + (caller.services().isEmpty() ? "" : " of " + caller.services())
                  + ") may not change "
                  + name
                  + "; needs "
                  + needed));
    }
    OptionalLong wait = limiter.acquire(caller.actor());
    if (wait.isPresent()) {
      ctx.response().putHeader("Retry-After", Long.toString(wait.getAsLong()));
      throw new ProblemException(
          new Problem(
              429,
              "too many requests",
              caller.actor()
                  + " has used its changes for this minute; retry in "
                  + wait.getAsLong()
                  + " s",
              null,
              "api.mutationsPerMinute"));
    }
    return caller;
  }

  /** The split a pin or split body asks for; empty for a pause. Exactly one of the three. */
  private static Optional<TrafficSplit> routed(JsonObject body) {
    List<String> given =
        List.of("pin", "split", "pause").stream().filter(body::containsKey).toList();
    if (given.size() != 1) {
      throw new ProblemException(
          Problem.badRequest(
              String.join("|", List.of("pin", "split", "pause")),
              "exactly one of pin, split and pause",
              "give exactly one of pin, split and pause, got "
                  + (given.isEmpty() ? "none" : given)));
    }
    if (body.containsKey("pin")) {
      return Optional.of(TrafficSplit.allOn(Backend.fromId(body.getString("pin"))));
    }
    if (body.containsKey("pause")) {
      return Optional.empty();
    }
    JsonObject split = body.getJsonObject("split");
    Integer cvm = split.getInteger("cvm");
    Integer scf = split.getInteger("scf");
    if (cvm == null && scf == null) {
      throw new ProblemException(
          Problem.badRequest("split", "needs cvm or scf", "split: give cvm, scf or both"));
    }
    int c = cvm != null ? cvm : 100 - scf;
    int s = scf != null ? scf : 100 - cvm;
    if (c + s != 100) {
      throw new ProblemException(
          Problem.badRequest(
              "split",
              "weights sum to 100",
              "split: cvm and scf must sum to 100, got cvm=" + c + ",scf=" + s));
    }
    return Optional.of(new TrafficSplit(c, s));
  }

  private Duration ttl(String text) {
    Duration ttl;
    try {
      ttl = Durations.parse(text);
    } catch (IllegalArgumentException beyondAnyDuration) {
      // the schema admits only digits and a unit: what does not parse is longer than 10 years
      throw overTheCap(text);
    }
    if (ttl.isZero() || ttl.isNegative()) {
      throw new ProblemException(
          Problem.badRequest("ttl", "more than 0", "ttl: must be more than 0, got " + text));
    }
    if (ttl.compareTo(maxTtl) > 0) {
      throw overTheCap(text);
    }
    return ttl;
  }

  private ProblemException overTheCap(String text) {
    return new ProblemException(
        Problem.badRequest(
            "ttl",
            "at most controller.maxOverrideTtl",
            "ttl: must be at most controller.maxOverrideTtl ("
                + Durations.format(maxTtl)
                + "), got "
                + text));
  }

  private String actual(String name) {
    List<RouteReconciler> routes = state.routes(name);
    return routes.getFirst().actual().map(a -> a.split().toString()).orElse("unknown");
  }

  private ObjectNode entry(RoutingContext ctx, String action, String service, Caller caller) {
    ObjectNode entry = state.desk().audit().entry(action, service);
    entry.put("actor", caller.actor());
    entry.put("role", caller.role().id());
    entry.put("source", ctx.request().remoteAddress().hostAddress());
    entry.put("requestId", (String) ctx.get(REQUEST_ID));
    return entry;
  }

  /**
   * Writes the audit entry of a change the store has on disk but not yet in force; a change whose
   * entry cannot be written is undone by the store and answered 503.
   */
  private Future<Void> audited(ObjectNode entry) {
    return state
        .desk()
        .audit()
        .append(entry)
        .onSuccess(written -> state.desk().notifyOperatorAction(entry))
        .recover(
            e -> {
              LOG.error("cannot write the audit log; the change is undone: {}", e.getMessage());
              state.desk().internalError(InternalErrors.AUDIT, entry.path("service").asText(), e);
              return Future.failedFuture(
                  new ProblemException(
                      new Problem(
                          503,
                          "audit log unavailable",
                          "the change was not made: the audit log cannot be written",
                          null,
                          "no change without its audit entry")));
            });
  }

  /**
   * Fails the request with the store's failure; a change whose outcome in the group's shared
   * document is unknown may be in force, so it is audited first, with {@code outcome} {@code
   * unknown} (its entry made by {@code audit} from the result the store planned), then answered
   * 503.
   */
  private <T> void fail(RoutingContext ctx, Throwable failure, Function<T, ObjectNode> audit) {
    if (!(failure instanceof OverrideStore.OutcomeUnknown unknown)) {
      fail(ctx, failure);
      return;
    }
    @SuppressWarnings("unchecked") // the store plans the result its change answers with
    T planned = (T) unknown.planned();
    ObjectNode entry = audit.apply(planned);
    entry.put("outcome", "unknown");
    entry.put("detail", unknown.getMessage());
    state
        .desk()
        .audit()
        .append(entry)
        .onFailure(
            e -> {
              LOG.error(
                  "{}: the {} whose outcome is unknown is not in the audit log: {}",
                  entry.path("service").asText(),
                  entry.path("action").asText(),
                  e.getMessage());
              state.desk().internalError(InternalErrors.AUDIT, entry.path("service").asText(), e);
            })
        .onComplete(audited -> fail(ctx, failure));
  }

  /**
   * A store that cannot write its file has made no change: 503, like a failing audit log. A change
   * the store could not take back from its file after a refused audit entry is an internal error.
   */
  private void fail(RoutingContext ctx, Throwable failure) {
    for (Throwable notUndone : failure.getSuppressed()) {
      LOG.error("{}", notUndone.getMessage());
      state.desk().internalError(InternalErrors.OVERRIDES, ctx.pathParam("name"), notUndone);
    }
    if (failure instanceof OverrideStore.SharedUnavailable e) {
      LOG.warn("{}", e.getMessage());
      ctx.fail(
          new ProblemException(
              new Problem(
                  503,
                  "override store unavailable",
                  e.getMessage(),
                  null,
                  "no change that is not in the group's shared document")));
    } else if (failure instanceof IOException e) {
      LOG.error("cannot write the overrides file; nothing changed: {}", e.getMessage());
      state.desk().internalError(InternalErrors.OVERRIDES, ctx.pathParam("name"), e);
      ctx.fail(
          new ProblemException(
              new Problem(
                  503,
                  "override store unavailable",
                  "the change was not made: the overrides file cannot be written",
                  null,
                  "no change that a restart would lose")));
    } else {
      ctx.fail(failure);
    }
  }

  private static Caller caller(RoutingContext ctx) {
    return Authenticator.caller(ctx);
  }
}
