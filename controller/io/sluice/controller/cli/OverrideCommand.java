package io.sluice.controller.cli;

import io.sluice.policies.TrafficSplit;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice override SERVICE --pin scf|--split cvm=70,scf=30|--pause|--clear --ttl 30m --reason
 * "..." [--force]}.
 */
@Command(
    name = "override",
    mixinStandardHelpOptions = true,
    description =
        "Pin a service to a backend, fix its split or pause automation until the TTL runs out;"
            + " or --clear the override.")
final class OverrideCommand extends ApiCommand {
  @Parameters(paramLabel = "SERVICE", description = "The configured service.")
  String service;

  @ArgGroup(multiplicity = "1")
  What what;

  static final class What {
    @Option(names = "--pin", paramLabel = "BACKEND", description = "cvm or scf.")
    String pin;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Weights, e.g. cvm=70,scf=30.")
    String split;

    @Option(names = "--pause", description = "Keep the current split; automation changes nothing.")
    boolean pause;

    @Option(names = "--clear", description = "Remove the override.")
    boolean clear;
  }

  @Option(names = "--ttl", paramLabel = "DURATION", description = "How long, e.g. 30m.")
  String ttl;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the audit log.")
  String reason;

  @Option(names = "--force", description = "Route to a DOWN backend while the other is UP.")
  boolean force;

  @Override
  ApiClient.Answer request() throws IOException {
    if (what.clear) {
      return api.call("DELETE", path(service) + "/override", null);
    }
    if (ttl == null || reason == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--ttl and --reason are required with --pin, --split or --pause");
    }
    JsonObject body = new JsonObject().put("ttl", ttl).put("reason", reason);
    if (what.pin != null) {
      body.put("pin", what.pin);
    } else if (what.split != null) {
      TrafficSplit split;
      try {
        split = TrafficSplit.parse(what.split);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--split: " + e.getMessage());
      }
      body.put("split", new JsonObject().put("cvm", split.cvm()).put("scf", split.scf()));
    } else {
      body.put("pause", true);
    }
    if (force) {
      body.put("force", true);
    }
    return api.call("PUT", path(service) + "/override", body);
  }

  @Override
  void print(PrintWriter out, JsonObject o) {
    out.printf(
        "%s: %s %s%s by %s until %s (%s)%n",
        o.getString("service"),
        what.clear ? "cleared" : "override",
        o.getString("kind"),
        o.getString("split") == null ? "" : " " + o.getString("split"),
        o.getString("actor"),
        o.getString("expiresAt"),
        o.getString("reason"));
  }
}
