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
    assertThat(out.toString()).isEqualTo("OK: examples/sandbox-demo.yaml (1 service)\n");
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

  @Test
  void printsAWarnLineForALegalButDangerousSettingAndStillSaysOk(@TempDir Path dir)
      throws IOException {
    Path file = dangerous(dir);

    int exit = run("validate", "-c", file.toString());

    assertThat(exit).isZero();
    assertThat(err.toString())
        .isEqualTo(
            "WARN "
                + file
                + ":60:17 services[0].policy.minDwell: no dwell: automatic changes may follow each"
                + " other at every decision, and only the flap budget stops traffic going back and"
                + " forth; 30s is the default, got 0s\n");
    assertThat(out.toString()).isEqualTo("OK: " + file + " (1 service, 1 warning)\n");
  }

  @Test
  void strictMakesWarningsErrors(@TempDir Path dir) throws IOException {
    Path file = dangerous(dir);

    int exit = run("validate", "--strict", "-c", file.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("WARN " + file + ":60:17 services[0].policy.minDwell: no dwell");
    assertThat(err.toString()).endsWith("sluice: 1 warning, and --strict refuses them\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void strictSaysOkForAFileWithoutWarnings() {
    assertThat(run("validate", "--strict", "-c", "examples/sandbox-demo.yaml")).isZero();
    assertThat(out.toString()).isEqualTo("OK: examples/sandbox-demo.yaml (1 service)\n");
  }

  @Test
  void namesAFileThatIsNotUtf8InOneLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ps.yaml");
    Files.write(
        file, "\uFEFFcontroller: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

    assertThat(run("validate", "-c", file.toString())).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            file
                + ":1:1 (root): not UTF-8 text: the file is UTF-16 (what Windows PowerShell's >"
                + " and Out-File write); save it as UTF-8\n");
  }

  /** The demo with no minDwell: legal, and dangerous. */
  static Path dangerous(Path dir) throws IOException {
    Path file = dir.resolve("sluice.yaml");
    Files.writeString(
        file,
        Files.readString(Path.of("examples/sandbox-demo.yaml"))
            .replace("      minDwell: 30s", "      minDwell: 0s"));
    return file;
  }

  private static int lineNumber(String error) {
    return Integer.parseInt(error.split(":")[1]);
  }
}
