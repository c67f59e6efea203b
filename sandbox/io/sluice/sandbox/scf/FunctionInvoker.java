package io.sluice.sandbox.scf;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Runs a function. The data plane's function runtime implements it; the SCF API ({@code Invoke})
 * and the CLB data plane both call it. It must not block the caller: the work happens elsewhere and
 * the stage completes when the function returns.
 */
@FunctionalInterface
public interface FunctionInvoker {
  /**
   * @param region the function's region
   * @param function the function, its {@code qualifier} already resolved to {@code $LATEST} or a
   *     version number (aliases are resolved before the call)
   * @param eventJson the event, a JSON document
   * @param timeout the function's configured timeout; the invoker enforces it and reports a
   *     time-out as a result (see {@link InvocationResult})
   */
  CompletionStage<InvocationResult> invoke(
      String region, FunctionRef function, String eventJson, Duration timeout);
}
