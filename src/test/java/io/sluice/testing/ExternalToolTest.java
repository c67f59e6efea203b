package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * A test whose program is missing fails, naming the program and how to install it; it is never
 * skipped, in CI or not (a skipped Prometheus test once passed a build that checked no rule).
 */
final class ExternalToolTest {
  @Test
  void aMissingProgramFailsTheTestNamingItAndTheSetupCommand() {
    assertThatThrownBy(() -> ExternalTool.require("sluice-no-such-tool", "apt-get install it"))
        .isInstanceOf(AssertionError.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("sluice-no-such-tool is not on the PATH")
        .hasMessageContaining("scripts/setup")
        .hasMessageContaining("apt-get install it");
  }

  @Test
  void aMissingProgramAtAFixedPathFailsTheTestToo() {
    assertThatThrownBy(
            () -> ExternalTool.require(Path.of("/nonexistent/sluice-no-such-tool"), "install it"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/nonexistent/sluice-no-such-tool is not installed");
  }

  @Test
  void anInstalledProgramIsFoundOnThePath() {
    assertThat(ExternalTool.require("sh", "apt-get install dash")).isExecutable();
  }
}
