package io.sluice.controller.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice explain SERVICE [--at TIME]}: why traffic is (or was) where it is. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Why each of a service's routes has (or had) its split: rule, inputs, override.")
final class ExplainCommand extends ApiCommand {
  @Parameters(paramLabel = "SERVICE", description = "The configured service.")
  String service;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "An ISO-8601 time, or a duration ago such as 10m (default: now).")
  Optional<String> at;

  @Override
  ApiClient.Answer request() throws IOException {
    return api.call(
        "GET",
        path(service)
            + "/explain"
            + at.map(t -> "?at=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse(""),
        null);
  }

  @Override
  void print(PrintWriter out, JsonObject body) {
    out.printf(
        "%s at %s (policy %s)%n",
        body.getString("service"), body.getString("at"), body.getString("policyVersion"));
    for (Object o : body.getJsonArray("routes")) {
      JsonObject r = (JsonObject) o;
      out.printf(
          "  %s: %s %s, %s since %s%n",
          r.getString("route"),
          r.getString("kind"),
          r.getString("split"),
          r.getString("phase"),
          r.getString("since"));
      out.printf("    why: %s%n", r.getString("why"));
      for (Map.Entry<String, Object> input : r.getJsonObject("inputs")) {
        out.printf("    %s = %s%n", input.getKey(), input.getValue());
      }
    }
  }
}
