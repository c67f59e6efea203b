package io.sluice.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A program a test runs (promtool, prometheus, chromium). A missing one fails the test with a
 * message naming it and how to install it, never skips it: a skipped test would report a green
 * build that checked nothing. {@code scripts/test} checks for all of them before Maven starts and
 * {@code scripts/setup} installs them, so this message is the last line of defence (a test run from
 * an IDE, or a program removed since).
 */
public final class ExternalTool {
  /** The command that installs every program the tests run. */
  public static final String SETUP = "scripts/setup";

  private ExternalTool() {}

  /** The program's path on the PATH; fails the calling test when it is not installed. */
  public static Path require(String name, String installHint) {
    return find(name).orElseGet(() -> missing(name + " is not on the PATH", installHint));
  }

  /**
   * {@code program} itself, when it is executable; otherwise fails as {@link #require(String,
   * String)}.
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
    return fail(what + ": this test needs it. Run " + SETUP + " (or " + installHint + ")");
  }
}
