package io.sluice.controller.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem document: what went wrong ({@code title}, {@code detail}), and for a bad
 * request the {@code field} and the {@code rule} it broke, and any extension {@code members} (such
 * as the {@code leader} a follower points to). Values are echoed only when they are not secrets; a
 * token never is.
 */
record Problem(
    int status, String title, String detail, String field, String rule, JsonObject members) {
  static final String MEDIA_TYPE = "application/problem+json";

  Problem(int status, String title, String detail, String field, String rule) {
    this(status, title, detail, field, rule, null);
  }

  static Problem badRequest(String field, String rule, String detail) {
    return new Problem(400, "invalid request", detail, field, rule);
  }

  static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", detail, "Authorization", "bearer token");
  }

  static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", detail, null, "role");
  }

  static Problem notFound(String field, String detail) {
    return new Problem(404, "not found", detail, field, "must name a configured service");
  }

  static Problem conflict(String field, String rule, String detail) {
    return new Problem(409, "conflict", detail, field, rule);
  }

  JsonObject json(String instance) {
    JsonObject json =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", instance);
    if (field != null) {
      json.put("field", field);
    }
    if (rule != null) {
      json.put("rule", rule);
    }
    if (members != null) {
      members.forEach(m -> json.put(m.getKey(), m.getValue()));
    }
    return json;
  }

  /** Ends the request with this problem, unless an answer was already sent. */
  void send(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", MEDIA_TYPE)
        .end(json(ctx.request().path()).encode());
  }
}
