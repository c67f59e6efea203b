package io.sluice.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test runs (promtool, prometheus, chromium). Outside CI a missing one skips the test
 * with a message saying how to install it; under {@code CI=true} it fails the test, because {@code
 * .ci/run} installs it and a silently skipped test would hide a broken install.
 */
public final class ExternalTool {
  private ExternalTool() {}

  /**
   * The program's path on the PATH; skips (or, in CI, fails) the calling test when it is not
   * installed.
   */
  public static Path require(String name, String installHint) {
    return find(name).orElseGet(() -> missing(name + " is not on the PATH", installHint));
  }

  /**
   * {@code program} itself, when it is executable; otherwise as {@link #require(String, String)}.
   */
  public static Path require(Path program, String installHint) {
    return Files.isExecutable(program)
        ? program
        : missing(program + " is not installed", installHint);
  }

  public static Optional<Path> find(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Path missing(String what, String installHint) {
    String message = what + "; " + installHint;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true: .ci/run should have installed it)");
    }
    Assumptions.abort(message + "; skipping outside CI");
    throw new AssertionError("unreachable");
  }
}
