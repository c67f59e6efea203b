package io.sluice.controller.actuate.clb;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * Which CVM instances the CVM API no longer knows: a home target whose instance was terminated
 * while the rule routed to the function cannot be registered again, and asking to would fail the
 * whole failback.
 */
interface InstanceRegistry {

  /** Of {@code instanceIds}, those that are gone (terminated, being terminated, or unknown). */
  Future<Set<String>> gone(List<String> instanceIds);

  /** A registry that knows every instance: for a rule whose CVM side is not Sluice's to check. */
  InstanceRegistry EVERY_INSTANCE_KNOWN = ids -> Future.succeededFuture(Set.of());
}
