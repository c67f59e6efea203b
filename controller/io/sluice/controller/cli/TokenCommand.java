package io.sluice.controller.cli;

import io.sluice.controller.api.Tokens;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice token --id ID --role ROLE}: a new random token and the config line with its hash.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Make a new random API token: prints the token (give it to its user, once) and the line"
            + " with its SHA-256 to add under controller.api.tokens.")
final class TokenCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--id", paramLabel = "ID", required = true, description = "Names the token.")
  String id;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      defaultValue = "viewer",
      description = "viewer, operator or admin (default: viewer).")
  String role;

  @Option(
      names = "--services",
      paramLabel = "NAMES",
      split = ",",
      description = "An operator's services, comma-separated.")
  java.util.List<String> services = java.util.List.of();

  @Override
  public Integer call() {
    if (!id.matches("^[a-z0-9-]{1,40}$")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--id: must match [a-z0-9-]{1,40}, got '" + id + "'");
    }
    if (!java.util.List.of("viewer", "operator", "admin").contains(role)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--role: must be viewer, operator or admin, got '" + role + "'");
    }
    String token = Tokens.generate();
    PrintWriter out = spec.commandLine().getOut();
    out.println("token:  " + token);
    out.println("config: (under controller.api.tokens)");
    out.printf(
        "  - { id: %s, sha256: %s, role: %s%s }%n",
        id,
        Tokens.sha256(token),
        role,
        services.isEmpty() ? "" : ", services: [" + String.join(", ", services) + "]");
    out.println("use:    export SLUICE_TOKEN=" + token);
    out.flush();
    return 0;
  }
}
