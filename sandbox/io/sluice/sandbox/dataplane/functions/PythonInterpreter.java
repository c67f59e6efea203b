package io.sluice.sandbox.dataplane.functions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The interpreter that runs Python functions, checked before a sandbox starts: without it every
 * request to a Python function would fail, and whatever waits for that function to answer (a
 * failover to it, a test) would wait out its bound instead of hearing why. The check runs {@code
 * COMMAND --version} once per command and process; sandboxes that start later reuse the answer.
 */
public final class PythonInterpreter {
  private static final long VERSION_WAIT_SECONDS = 20;
  private static final Map<String, Optional<String>> CHECKED = new ConcurrentHashMap<>();

  private PythonInterpreter() {}

  /**
   * Throws when {@code command} cannot run Python 3.
   *
   * @param functions the functions that need it, named in the message
   * @throws IllegalStateException naming the command, the functions and how to fix it
   */
  public static void require(String command, List<String> functions) {
    Optional<String> problem = CHECKED.computeIfAbsent(command, PythonInterpreter::problem);
    if (problem.isPresent()) {
      throw new IllegalStateException(
          problem.get()
              + ": the sandbox runs the Python code of "
              + (functions.size() == 1 ? "function " : "functions ")
              + String.join(", ", functions)
              + " with it. Install Python 3 (Debian: apt-get install python3), or name another"
              + " interpreter in the scenario's settings.pythonCommand.");
    }
  }

  /** What is wrong with {@code command}, or empty when it runs Python 3. */
  private static Optional<String> problem(String command) {
    Process process;
    try {
      process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.of(command + " not found");
    }
    try {
      process.getOutputStream().close();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(VERSION_WAIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of(command + " --version did not answer in " + VERSION_WAIT_SECONDS + " s");
      }
      if (process.exitValue() != 0 || !output.startsWith("Python 3")) {
        return Optional.of(
            command
                + " is not a working Python 3 ("
                + command
                + " --version exited "
                + process.exitValue()
                + ": "
                + output
                + ")");
      }
      return Optional.empty();
    } catch (IOException e) {
      process.destroyForcibly();
      return Optional.of(command + " --version failed: " + e.getMessage());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      // thrown, not returned: an interrupted check says nothing about the command to remember
      throw new IllegalStateException("interrupted while checking " + command, e);
    }
  }
}
