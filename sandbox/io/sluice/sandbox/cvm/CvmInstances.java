package io.sluice.sandbox.cvm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CVM instances of one emulated account, shared by the API and by tests that change their state
 * mid-scenario; synchronized, with immutable instance values.
 */
public final class CvmInstances {
  private final Map<String, CvmInstance> byId = new LinkedHashMap<>();
  private long nextId = 1_000_000L;

  /** Adds an instance with a fresh id. */
  public synchronized CvmInstance add(String name, String privateIp, InstanceState state) {
    String id;
    do {
      id = "ins-" + String.format("%8s", Long.toString(nextId++, 36)).replace(' ', '0');
    } while (byId.containsKey(id));
    return add(new CvmInstance(id, name, privateIp, state));
  }

  /** Adds an instance with the given id, e.g. to match an id in a scenario. */
  public synchronized CvmInstance add(CvmInstance instance) {
    if (byId.putIfAbsent(instance.instanceId(), instance) != null) {
      throw new IllegalArgumentException("instanceId: " + instance.instanceId() + " exists");
    }
    return instance;
  }

  public synchronized CvmInstance setState(String instanceId, InstanceState state) {
    CvmInstance changed =
        find(instanceId)
            .orElseThrow(() -> new IllegalArgumentException("instanceId: unknown " + instanceId))
            .withState(state);
    byId.put(instanceId, changed);
    return changed;
  }

  /**
   * Terminates the instance: the CVM API no longer knows it (DescribeInstancesStatus answers {@code
   * InvalidInstanceId.NotFound}), and it can no longer be registered to a load balancer.
   */
  public synchronized void terminate(String instanceId) {
    if (byId.remove(instanceId) == null) {
      throw new IllegalArgumentException("instanceId: unknown " + instanceId);
    }
  }

  public synchronized Optional<CvmInstance> find(String instanceId) {
    return Optional.ofNullable(byId.get(instanceId));
  }

  /** All instances in creation order. */
  public synchronized List<CvmInstance> all() {
    return List.copyOf(byId.values());
  }
}
