package io.sluice.controller.cli;

import io.sluice.controller.config.ConfigSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice schema}: prints the JSON Schema of the config format. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Print the JSON Schema (draft 2020-12) of the config file format.")
final class SchemaCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ConfigSchema.json());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
