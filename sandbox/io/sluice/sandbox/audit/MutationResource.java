package io.sluice.sandbox.audit;

import io.vertx.core.json.JsonObject;

/**
 * The resource a write names, read from its parameters, so a log reader need not know each action's
 * request shape: {@code clb:<lb>/<listener>/<LocationId or Domain+Url>}, {@code
 * dns:<Domain>/<RecordId or SubDomain>}, {@code scf:<Namespace>/<FunctionName>:<Qualifier>}, and
 * for any other write its service and action.
 */
public final class MutationResource {
  private MutationResource() {}

  public static String of(String service, String action, JsonObject p) {
    return switch (service) {
      case "clb" ->
          "clb:" + path(p.getString("LoadBalancerId"), p.getString("ListenerId"), rule(p));
      case "dnspod" ->
          "dns:"
              + path(
                  p.getString("Domain", String.valueOf(p.getValue("DomainId"))),
                  p.containsKey("RecordId")
                      ? String.valueOf(p.getValue("RecordId"))
                      : p.getString("SubDomain"));
      case "scf" ->
          "scf:"
              + p.getString("Namespace", "default")
              + "/"
              + p.getString("FunctionName")
              + ":"
              + p.getString("Qualifier", "$LATEST");
      default -> service + ":" + action;
    };
  }

  private static String rule(JsonObject p) {
    if (p.containsKey("LocationId")) {
      return p.getString("LocationId");
    }
    return p.containsKey("Domain") ? p.getString("Domain") + p.getString("Url", "") : null;
  }

  /** The parts present, joined by {@code /}. */
  private static String path(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (part != null && !part.equals("null")) {
        out.append(out.isEmpty() ? "" : "/").append(part);
      }
    }
    return out.toString();
  }
}
