package io.sluice.sandbox.wiring;

import io.sluice.sandbox.cvm.CvmInstance;
import io.sluice.sandbox.cvm.CvmInstances;
import io.sluice.sandbox.cvm.InstanceState;
import io.sluice.sandbox.dataplane.cvm.InstanceBehaviour;
import io.sluice.sandbox.dataplane.cvm.InstanceRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * How each emulated CVM instance behaves, and the knobs tests and the admin API turn: an instance
 * that is not RUNNING in the CVM model serves nothing (its port refuses connections); a running one
 * serves its body unless it has been made to hang, break or slow down.
 */
public final class InstanceControl implements InstanceRegistry {
  private final CvmInstances instances;
  private final Map<String, String> bodies;
  private final Map<String, InstanceBehaviour> faults = new ConcurrentHashMap<>();

  public InstanceControl(CvmInstances instances, Map<String, String> bodies) {
    this.instances = instances;
    this.bodies = Map.copyOf(bodies);
  }

  @Override
  public Set<String> instanceIds() {
    return instances.all().stream().map(CvmInstance::instanceId).collect(Collectors.toSet());
  }

  @Override
  public InstanceBehaviour behaviour(String instanceId) {
    Optional<CvmInstance> instance = instances.find(instanceId);
    if (instance.isEmpty() || instance.get().state() != InstanceState.RUNNING) {
      return new InstanceBehaviour.Stopped();
    }
    InstanceBehaviour fault = faults.get(instanceId);
    return fault != null
        ? fault
        : new InstanceBehaviour.Serving(Optional.ofNullable(bodies.get(instanceId)));
  }

  /** Stops the instance: the CVM API reports STOPPED and its port refuses connections. */
  public void stop(String instanceId) {
    instances.setState(instanceId, InstanceState.STOPPED);
  }

  /** Starts it again, healthy: RUNNING, serving, any fault cleared. */
  public void start(String instanceId) {
    instances.setState(instanceId, InstanceState.RUNNING);
    faults.remove(instanceId);
  }

  /** Accepts connections and never answers. */
  public void hang(String instanceId) {
    setFault(instanceId, new InstanceBehaviour.Hung());
  }

  /** Answers every request with {@code status}. */
  public void breakWith(String instanceId, int status) {
    setFault(instanceId, new InstanceBehaviour.Broken(status));
  }

  /** Answers after {@code delay}. */
  public void slow(String instanceId, Duration delay) {
    setFault(instanceId, new InstanceBehaviour.Slow(delay));
  }

  /** Answers 200 and then streams a chunk every {@code every}, never finishing. */
  public void trickle(String instanceId, Duration every) {
    setFault(instanceId, new InstanceBehaviour.Trickling(every));
  }

  /** Clears a hang, break, slowness or trickle. */
  public void heal(String instanceId) {
    require(instanceId);
    faults.remove(instanceId);
  }

  private void setFault(String instanceId, InstanceBehaviour fault) {
    require(instanceId);
    faults.put(instanceId, fault);
  }

  private void require(String instanceId) {
    if (instances.find(instanceId).isEmpty()) {
      throw new IllegalArgumentException("no instance " + instanceId + "; known: " + instanceIds());
    }
  }
}
