package io.sluice.observe;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test runs from the PATH (promtool, prometheus). Outside CI a missing one skips the
 * test with a message saying how to install it; under {@code CI=true} it fails the test, because
 * {@code .ci/run} installs it and a silently skipped test would hide a broken install.
 */
final class ExternalTool {
  static final String INSTALL_HINT = "apt-get install prometheus (Debian's package has both)";

  private ExternalTool() {}

  /** The program's path; skips (or, in CI, fails) the calling test when it is not installed. */
  static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isPresent()) {
      return found.get();
    }
    String message = name + " is not on the PATH; " + INSTALL_HINT;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true: .ci/run should have installed it)");
    }
    Assumptions.abort(message + "; skipping outside CI");
    throw new AssertionError("unreachable");
  }

  static Optional<Path> find(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
