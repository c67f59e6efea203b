package io.sluice.controller.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a problem document: a {@link ProblemException} as it is, a failed
 * validation against the OpenAPI document as a 400 naming the field and the schema rule, a bare
 * status (405, 413...) with its reason, anything else as a 500 that is logged.
 */
final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
  private static final Pattern PARAMETER = Pattern.compile("parameter '?([A-Za-z0-9_]+)");

  private Failures() {}

  static void handle(RoutingContext ctx) {
    problem(ctx, validation(ctx.failure())).send(ctx);
  }

  /** The validator's exception, which Vert.x Web may wrap in an HTTP exception. */
  private static Throwable validation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ValidatorException || t instanceof ProblemException) {
        return t;
      }
    }
    return failure;
  }

  private static Problem problem(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ProblemException p) {
      return p.problem();
    }
    if (failure instanceof SchemaValidationException s) {
      OutputUnit unit = deepest(s.getOutputUnit());
      String field = field(unit == null ? null : unit.getInstanceLocation(), s.getMessage());
      String rule = unit == null ? s.type().name() : keyword(unit.getKeywordLocation());
      String detail = unit == null || unit.getError() == null ? s.getMessage() : unit.getError();
      return Problem.badRequest(field, rule, field + ": " + detail);
    }
    if (failure instanceof ValidatorException v) {
      return Problem.badRequest(field(null, v.getMessage()), v.type().name(), v.getMessage());
    }
    int status = ctx.statusCode();
    if (status >= 400 && status < 500) {
      return new Problem(
          status,
          ctx.response().setStatusCode(status).getStatusMessage(),
          ctx.request().method() + " " + ctx.request().path() + ": " + statusText(status),
          null,
          null);
    }
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return new Problem(500, "internal error", "the request failed; see the log", null, null);
  }

  private static String statusText(int status) {
    return switch (status) {
      case 405 -> "method not allowed";
      case 413 -> "body larger than " + OperatorApi.BODY_LIMIT + " bytes";
      case 415 -> "unsupported content type; send application/json";
      default -> "rejected";
    };
  }

  /** The most specific error: the leaf of the validator's output tree deepest in the body. */
  private static OutputUnit deepest(OutputUnit unit) {
    if (unit == null || unit.getErrors() == null || unit.getErrors().isEmpty()) {
      return unit;
    }
    OutputUnit best = null;
    for (OutputUnit child : unit.getErrors()) {
      OutputUnit leaf = deepest(child);
      if (best == null || depth(leaf) > depth(best)) {
        best = leaf;
      }
    }
    return best;
  }

  private static int depth(OutputUnit unit) {
    String at = unit.getInstanceLocation();
    return at == null ? 0 : at.length();
  }

  /**
   * {@code /split/cvm} becomes {@code split.cvm}; a parameter's own value (at the root of its
   * schema) is the parameter the message names; the body itself is {@code body}.
   */
  private static String field(String instanceLocation, String message) {
    String path =
        instanceLocation == null
            ? ""
            : instanceLocation.replaceFirst("^#?/?", "").replace('/', '.');
    if (!path.isEmpty()) {
      return path;
    }
    Matcher parameter = PARAMETER.matcher(message == null ? "" : message);
    return parameter.find() ? parameter.group(1) : "body";
  }

  /**
   * The schema keyword a location ends in, such as {@code maximum} or {@code additionalProperties}.
   */
  private static String keyword(String keywordLocation) {
    if (keywordLocation == null || keywordLocation.isEmpty()) {
      return "schema";
    }
    return keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
  }
}
