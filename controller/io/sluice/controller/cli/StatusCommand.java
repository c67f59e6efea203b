package io.sluice.controller.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice status [SERVICE]}: verdicts, splits, phase and override, from the API. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show each service's verdicts, desired and actual split, phase and override.")
final class StatusCommand extends ApiCommand {
  @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "One service (default: all).")
  Optional<String> service;

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  @Override
  ApiClient.Answer request() throws IOException {
    return api.call("GET", service.map(ApiCommand::path).orElse("/v1/services"), null);
  }

  @Override
  void print(PrintWriter out, JsonObject body) {
    List<JsonObject> services =
        body.containsKey("services")
            ? body.getJsonArray("services").stream().map(JsonObject.class::cast).toList()
            : List.of(body);
    out.printf(
        "%-16s %-16s %-5s %-5s %-14s %-16s %-16s %s%n",
        "SERVICE", "ROUTE", "CVM", "SCF", "PHASE", "DESIRED", "ACTUAL", "OVERRIDE");
    for (JsonObject s : services) {
      JsonObject health = s.getJsonObject("health");
      JsonObject override = s.getJsonObject("override");
      String o =
          override == null
              ? "-"
              : override.getString("kind")
                  + (override.getString("split") == null ? "" : " " + override.getString("split"))
                  + " by "
                  + override.getString("actor")
                  + " until "
                  + override.getString("expiresAt");
      JsonArray routes = s.getJsonArray("routes");
      for (int i = 0; i < routes.size(); i++) {
        JsonObject r = routes.getJsonObject(i);
        out.printf(
            "%-16s %-16s %-5s %-5s %-14s %-16s %-16s %s%n",
            s.getString("name"),
            r.getString("route"),
            health.getJsonObject("cvm").getString("verdict"),
            health.getJsonObject("scf").getString("verdict"),
            r.getString("phase"),
            orDash(r.getString("desired")),
            orDash(r.getString("actual")),
            o);
      }
    }
  }
}
