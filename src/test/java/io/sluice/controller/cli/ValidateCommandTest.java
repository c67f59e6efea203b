package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

final class ValidateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = SluiceCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void saysOkWithTheNumberOfServicesForAValidFile() {
    int exit = run("validate", "-c", "examples/sandbox-demo.yaml");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("OK: examples/sandbox-demo.yaml (1 services)\n");
  }

  @Test
  void printsEveryErrorInLineOrderAndFails() {
    int exit = run("validate", "--config", "src/test/resources/config/broken.yaml");

    assertThat(exit).isEqualTo(1);
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(10);
    assertThat(lines)
        .allSatisfy(l -> assertThat(l).startsWith("src/test/resources/config/broken.yaml:"));
    assertThat(lines.stream().map(ValidateCommandTest::lineNumber).toList()).isSorted();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void givesOneClearLineForAMissingFile() {
    int exit = run("validate", "-c", "no/such/sluice.yaml");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("sluice: cannot read no/such/sluice.yaml: no such file\n");
  }

  @Test
  void takesReferencesFromTheEnvironmentItIsGiven(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sluice.yaml");
    Files.writeString(
        file,
        Files.readString(Path.of("examples/sandbox-demo.yaml"))
            .replace("region: ap-guangzhou", "region: ${REGION}"));
    CommandLine cli =
        new CommandLine(new ValidateCommand(name -> name.equals("REGION") ? "ap-shanghai" : null));
    cli.setOut(new PrintWriter(out, true));

    assertThat(cli.execute("-c", file.toString())).isZero();
    assertThat(out.toString()).startsWith("OK: " + file);
  }

  private static int lineNumber(String error) {
    return Integer.parseInt(error.split(":")[1]);
  }
}
