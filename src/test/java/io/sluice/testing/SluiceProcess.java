package io.sluice.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code sluice} in a child JVM on this test run's class path, its output in a log file. */
public final class SluiceProcess {
  private SluiceProcess() {}

  /** A builder for {@code sluice ARGS}, output and errors both to {@code log}; not started. */
  public static ProcessBuilder command(Path log, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.sluice.controller.cli.SluiceCommand");
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
  }
}
