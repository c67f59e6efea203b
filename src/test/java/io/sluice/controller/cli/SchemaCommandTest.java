package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

final class SchemaCommandTest {

  @Test
  void printsTheCommittedSchema() throws IOException {
    StringWriter out = new StringWriter();
    CommandLine cli = SluiceCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int exit = cli.execute("schema");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .as("docs/sluice.schema.json is stale; regenerate it with: ./sluice schema")
        .isEqualTo(Files.readString(Path.of("docs/sluice.schema.json")));
  }

  @Test
  void listsItsSubcommands() {
    assertThat(SluiceCommand.commandLine().getSubcommands()).containsKeys("validate", "schema");
  }
}
