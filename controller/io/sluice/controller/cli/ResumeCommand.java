package io.sluice.controller.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice resume SERVICE --reason "..."}: lift a flap-budget freeze (admin). */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Lift a service's flap-budget freeze so automation decides again (admin).")
final class ResumeCommand extends ApiCommand {
  @Parameters(paramLabel = "SERVICE", description = "The configured service.")
  String service;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      required = true,
      description = "Why; kept in the audit log.")
  String reason;

  @Override
  ApiClient.Answer request() throws IOException {
    return api.call("POST", path(service) + "/resume", new JsonObject().put("reason", reason));
  }

  @Override
  void print(PrintWriter out, JsonObject body) {
    out.printf(
        "%s: automation resumed (generation %d)%n",
        body.getString("service"), body.getLong("resumeGeneration"));
  }
}
