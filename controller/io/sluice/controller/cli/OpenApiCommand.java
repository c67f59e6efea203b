package io.sluice.controller.cli;

import io.sluice.controller.api.ApiReference;
import io.sluice.controller.api.OperatorApi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice openapi}: the operator API's OpenAPI document, or its Markdown reference. */
@Command(
    name = "openapi",
    mixinStandardHelpOptions = true,
    description = "Print the operator API's OpenAPI 3.1 document (served at /v1/openapi.yaml).")
final class OpenApiCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--markdown", description = "Print the endpoint tables docs/api.md embeds.")
  boolean markdown;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(markdown ? ApiReference.markdown() : OperatorApi.document());
    out.flush();
    return 0;
  }
}
