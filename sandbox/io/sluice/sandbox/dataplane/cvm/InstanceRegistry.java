package io.sluice.sandbox.dataplane.cvm;

import java.util.Set;

/**
 * The data plane's read-only view of the CVM control plane: which instances exist and how each
 * one's web server behaves. The fleet re-reads it when reconciled, so a {@code StopInstances} in
 * the control plane closes the port on the next reconcile.
 */
public interface InstanceRegistry {

  /** Every emulated instance id, running or not. */
  Set<String> instanceIds();

  /** The current behaviour; {@link InstanceBehaviour.Stopped} for an unknown id. */
  InstanceBehaviour behaviour(String instanceId);
}
