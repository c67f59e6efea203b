package io.sluice.sandbox.dataplane.functions;

/**
 * A fault injected into a function regardless of its code, so scenarios can break a function
 * without writing a broken one.
 */
public enum FunctionFault {
  NONE,
  /** The invocation fails as if the handler raised. */
  FAIL,
  /** The invocation runs into its timeout. */
  TIME_OUT,
  /** The handler "returns" text that is not an integration response. */
  MALFORMED_OUTPUT
}
