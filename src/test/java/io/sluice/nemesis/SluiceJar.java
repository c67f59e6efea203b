package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged {@code sluice} the nemesis suite runs as real processes ({@code java -jar}), the way
 * an operator runs it, rather than the test class path. A missing jar fails the test naming the
 * command that builds it: the suite never falls back to something else.
 */
final class SluiceJar {
  static final Path JAR = Path.of("target", "sluice.jar");
  static final String BUILD = "mvn -B -ntp -q package -DskipTests";

  private SluiceJar() {}

  /** The jar, or fails the calling test. */
  static Path require() {
    return require(JAR);
  }

  /** {@code jar}, or fails the calling test naming the command that builds it. */
  static Path require(Path jar) {
    if (!Files.isRegularFile(jar)) {
      fail(
          jar.toAbsolutePath()
              + " is missing: the nemesis suite runs the packaged jar. Build it with `"
              + BUILD
              + "`");
    }
    return jar;
  }

  /** {@code java [jvmOptions] -jar target/sluice.jar ARGS}. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(require().toString());
    command.addAll(List.of(args));
    return command;
  }

  /** The JVM running the tests, so children run on the same Java 21. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
