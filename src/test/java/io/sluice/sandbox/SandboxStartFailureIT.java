package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A start that fails at its last step leaves nothing behind. Isolated: it looks for the function
 * runtime's files of this process, which another test's sandbox would be making meanwhile.
 */
@Isolated
final class SandboxStartFailureIT {
  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
  private static final String BOOTSTRAP_PREFIX =
      "sluice-scf-bootstrap-" + ProcessHandle.current().pid() + "-";

  @Test
  void aFailedLaterStepStopsTheDataPlaneItsFunctionRuntimeIncluded() throws IOException {
    Set<Path> before = bootstrapFiles();
    StartedResources failAtTheAdminApi =
        new StartedResources(
            step -> {
              if (step.equals("admin API")) {
                throw new IllegalStateException("forced: the admin API's port is taken");
              }
            });

    assertThatThrownBy(
            () ->
                Sandbox.start(
                    ScenarioLoader.load(Path.of("examples/sandbox/demo-world.yaml")),
                    Path.of("examples/sandbox"),
                    failAtTheAdminApi))
        .hasMessage("forced: the admin API's port is taken");

    assertThat(bootstrapFiles()).as("the function runtime's extracted bootstrap").isEqualTo(before);
  }

  /**
   * Without its Python interpreter the sandbox cannot run a Python function: it says so at start,
   * naming the command and the functions, instead of starting and answering every request to them
   * with an error (which left about fifteen ITs waiting out their bounds).
   */
  @Test
  void aMissingPythonInterpreterStopsTheStartAtOnceNamingIt() throws IOException {
    String scenario =
        Files.readString(Path.of("examples/sandbox/demo-world.yaml"))
            .replaceFirst(
                "(?m)^settings:$", "settings:\n  pythonCommand: python3-not-installed-here");
    Set<Path> before = bootstrapFiles();

    assertThatThrownBy(
            () ->
                Sandbox.start(
                    ScenarioLoader.parse("demo-world.yaml", scenario), Path.of("examples/sandbox")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("python3-not-installed-here not found")
        .hasMessageContaining("function demo-fallback")
        .hasMessageContaining("settings.pythonCommand");
    assertThat(bootstrapFiles()).as("nothing started").isEqualTo(before);
  }

  private static Set<Path> bootstrapFiles() throws IOException {
    try (Stream<Path> files = Files.list(TMP)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(BOOTSTRAP_PREFIX))
          .collect(Collectors.toSet());
    }
  }
}
