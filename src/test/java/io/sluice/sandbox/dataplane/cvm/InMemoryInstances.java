package io.sluice.sandbox.dataplane.cvm;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The CVM model reduced to what the fleet reads: each instance's behaviour, set by the test. */
public final class InMemoryInstances implements InstanceRegistry {

  private final Map<String, InstanceBehaviour> behaviours = new ConcurrentHashMap<>();

  /** The live map: putting, replacing or removing a behaviour takes effect on the next read. */
  public Map<String, InstanceBehaviour> behaviours() {
    return behaviours;
  }

  @Override
  public Set<String> instanceIds() {
    return Set.copyOf(behaviours.keySet());
  }

  @Override
  public InstanceBehaviour behaviour(String instanceId) {
    return behaviours.getOrDefault(instanceId, new InstanceBehaviour.Stopped());
  }
}
