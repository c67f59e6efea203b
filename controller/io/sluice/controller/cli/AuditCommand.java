package io.sluice.controller.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice audit [--service S] [--since T]}: the audit trail, oldest first. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Print the audit trail: operator actions and automatic changes, oldest first.")
final class AuditCommand extends ApiCommand {
  @Option(names = "--service", paramLabel = "SERVICE", description = "Only this service.")
  Optional<String> service;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "An ISO-8601 time, or a duration ago such as 1h.")
  Optional<String> since;

  @Override
  ApiClient.Answer request() throws IOException {
    List<String> query = new ArrayList<>();
    service.ifPresent(s -> query.add("service=" + URLEncoder.encode(s, StandardCharsets.UTF_8)));
    since.ifPresent(s -> query.add("since=" + URLEncoder.encode(s, StandardCharsets.UTF_8)));
    return api.call(
        "GET", "/v1/audit" + (query.isEmpty() ? "" : "?" + String.join("&", query)), null);
  }

  @Override
  void print(PrintWriter out, JsonObject body) {
    out.printf("%-24s %-16s %-10s %-14s %s%n", "TIME", "ACTION", "SERVICE", "ACTOR", "WHAT");
    for (Object o : body.getJsonArray("entries")) {
      JsonObject e = (JsonObject) o;
      String what =
          e.getString("before", "")
              + " -> "
              + e.getString("after", "")
              + (e.containsKey("reason") ? "; " + e.getString("reason") : "")
              + (e.containsKey("decision") ? "; " + e.getString("decision") : "")
              + (e.containsKey("cloudRequestIds")
                  ? "; requests " + e.getJsonArray("cloudRequestIds").encode()
                  : "");
      out.printf(
          "%-24s %-16s %-10s %-14s %s%n",
          e.getString("time"),
          e.getString("action"),
          e.getString("service"),
          e.getString("actor", "-"),
          what);
    }
  }
}
