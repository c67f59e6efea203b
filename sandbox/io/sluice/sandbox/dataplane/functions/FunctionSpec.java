package io.sluice.sandbox.dataplane.functions;

import io.sluice.sandbox.dataplane.routing.FunctionRef;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the runtime needs to invoke one function version: its code, the fault injected into it
 * and its timeout (SCF's {@code Timeout}, default 3 s).
 */
public record FunctionSpec(
    FunctionRef ref, FunctionCode code, FunctionFault fault, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  public FunctionSpec {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(fault, "fault");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
    }
  }

  public static FunctionSpec of(FunctionRef ref, FunctionCode code) {
    return new FunctionSpec(ref, code, FunctionFault.NONE, DEFAULT_TIMEOUT);
  }
}
