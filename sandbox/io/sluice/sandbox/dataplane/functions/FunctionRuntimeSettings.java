package io.sluice.sandbox.dataplane.functions;

import java.time.Duration;

/**
 * How the emulated SCF runtime runs Python code.
 *
 * @param pythonCommand the interpreter, found on {@code PATH}
 * @param maxWorkersPerFunction warm worker processes per function at most (each serves one request
 *     at a time; SCF scales out further, a laptop should not)
 * @param invocationThreads threads that talk to workers (blocking pipe I/O, kept off the event
 *     loop)
 * @param shutdownGrace how long a worker may take to exit after its stdin closes before it is
 *     killed
 */
public record FunctionRuntimeSettings(
    String pythonCommand,
    int maxWorkersPerFunction,
    int invocationThreads,
    Duration shutdownGrace) {

  public static final String DEFAULT_PYTHON_COMMAND = "python3";
  public static final int DEFAULT_MAX_WORKERS_PER_FUNCTION = 2;
  public static final int DEFAULT_INVOCATION_THREADS = 16;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(1);

  public static final FunctionRuntimeSettings DEFAULTS =
      new FunctionRuntimeSettings(
          DEFAULT_PYTHON_COMMAND,
          DEFAULT_MAX_WORKERS_PER_FUNCTION,
          DEFAULT_INVOCATION_THREADS,
          DEFAULT_SHUTDOWN_GRACE);

  public FunctionRuntimeSettings {
    if (pythonCommand == null || pythonCommand.isBlank()) {
      throw new IllegalArgumentException("pythonCommand: must not be blank");
    }
    if (maxWorkersPerFunction < 1 || invocationThreads < 1) {
      throw new IllegalArgumentException(
          "maxWorkersPerFunction/invocationThreads: must be at least 1, got "
              + maxWorkersPerFunction
              + "/"
              + invocationThreads);
    }
  }
}
