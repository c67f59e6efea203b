package io.sluice.sandbox.dataplane.functions;

import io.sluice.sandbox.dataplane.routing.FunctionRef;
import java.util.Optional;

/**
 * The data plane's read-only view of the SCF control plane: a function version's code, fault and
 * timeout, read on every invocation so a fault switched on takes effect on the next request.
 */
public interface FunctionRegistry {

  /** Empty when no such function, version or alias exists. */
  Optional<FunctionSpec> function(FunctionRef ref);
}
