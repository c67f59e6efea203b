package io.sluice.sandbox.dataplane.functions;

import java.time.Duration;

/**
 * How one invocation ended. A closed choice because the CLB answers each case differently: a result
 * is parsed as an integration response, a failure and a timeout become gateway errors.
 */
public sealed interface InvocationResult {

  /** How long the invocation took, including a cold start. */
  Duration duration();

  /**
   * The handler returned; {@code resultJson} is its JSON-encoded return value.
   *
   * @param coldStart true when a new worker process was started for this call
   */
  record Returned(String resultJson, Duration duration, boolean coldStart)
      implements InvocationResult {}

  /** The handler raised, the worker died, or the function does not exist. */
  record Failed(String message, Duration duration) implements InvocationResult {}

  /** The function ran past its timeout and its worker was killed. */
  record TimedOut(Duration duration) implements InvocationResult {}
}
