package io.sluice.controller.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice status [SERVICE]}: verdicts, splits, phase and override, from the API; in a replica
 * group, a line first with this replica's role, the leader and the epoch ({@code GET /v1/group}).
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show each service's verdicts, desired and actual split, phase and override.")
final class StatusCommand extends ApiCommand {
  @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "One service (default: all).")
  Optional<String> service;

  /** The daemon's {@code /v1/group}, when it is in a replica group; null when solo or unknown. */
  private JsonObject group;

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  @Override
  ApiClient.Answer request() throws IOException {
    ApiClient.Answer services =
        api.call("GET", service.map(ApiCommand::path).orElse("/v1/services"), null);
    if (services.ok() && !api.json) {
      // a daemon from before replica groups has no /v1/group: it is alone, and nothing is shown
      ApiClient.Answer answer = api.call("GET", "/v1/group", null);
      if (answer.ok() && !"solo".equals(answer.body().getString("role", "solo"))) {
        group = answer.body();
      }
    }
    return services;
  }

  /**
   * {@code group: replica b, follower in epoch 7; leader a at https://a:7070; replicas a, b, c}: a
   * follower names the group's newest epoch as it last read it ({@code groupEpoch}).
   */
  static String groupLine(JsonObject group) {
    StringBuilder line =
        new StringBuilder("group: replica ")
            .append(group.getString("replica"))
            .append(", ")
            .append(group.getString("role"));
    long epoch = Math.max(group.getLong("epoch", 0L), group.getLong("groupEpoch", 0L));
    if (epoch > 0) {
      line.append(" in epoch ").append(epoch);
    }
    JsonObject leader = group.getJsonObject("leader");
    line.append(
        leader == null
            ? "; no leader known"
            : "; leader " + leader.getString("name") + " at " + leader.getString("api"));
    List<String> replicas =
        group.getJsonArray("replicas", new JsonArray()).stream()
            .map(r -> ((JsonObject) r).getString("name"))
            .toList();
    return line.append("; replicas ").append(String.join(", ", replicas)).toString();
  }

  @Override
  void print(PrintWriter out, JsonObject body) {
    if (group != null) {
      out.println(groupLine(group));
    }
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
