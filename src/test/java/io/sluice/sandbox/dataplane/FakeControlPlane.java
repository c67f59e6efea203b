package io.sluice.sandbox.dataplane;

import io.sluice.sandbox.dataplane.clb.TargetHealth;
import io.sluice.sandbox.dataplane.clb.TargetHealthSink;
import io.sluice.sandbox.dataplane.clb.TargetKey;
import io.sluice.sandbox.dataplane.cvm.InMemoryInstances;
import io.sluice.sandbox.dataplane.cvm.InstanceBehaviour;
import io.sluice.sandbox.dataplane.dns.InMemoryDnsRecords;
import io.sluice.sandbox.dataplane.functions.FunctionRegistry;
import io.sluice.sandbox.dataplane.functions.FunctionSpec;
import io.sluice.sandbox.dataplane.routing.FunctionRef;
import io.sluice.sandbox.dataplane.routing.L7Rule;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dataplane.routing.RoutingTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory stand-ins for the control-plane models, implementing every port of the data plane: what
 * the lead's adapters will do with the real CLB, CVM, SCF, DNSPod and Monitor models.
 */
final class FakeControlPlane
    implements RoutingTable, FunctionRegistry, TargetHealthSink, TrafficRecorder {

  /** One request as the Monitor would receive it. */
  record Traffic(String domain, String url, String targetIp, int targetPort, int status) {}

  final Map<ListenerKey, List<L7Rule>> rules = new ConcurrentHashMap<>();
  private final InMemoryInstances instanceRegistry = new InMemoryInstances();
  final Map<String, InstanceBehaviour> instances = instanceRegistry.behaviours();
  final Map<FunctionRef, FunctionSpec> functions = new ConcurrentHashMap<>();
  final Map<TargetKey, TargetHealth> health = new ConcurrentHashMap<>();
  final List<Traffic> traffic = new CopyOnWriteArrayList<>();
  final InMemoryDnsRecords dns = new InMemoryDnsRecords("example.com");

  DataPlanePorts ports() {
    return new DataPlanePorts(this, instanceRegistry, this, this, this, dns);
  }

  @Override
  public List<L7Rule> rules(ListenerKey listener) {
    return rules.getOrDefault(listener, List.of());
  }

  @Override
  public Optional<FunctionSpec> function(FunctionRef ref) {
    return Optional.ofNullable(functions.get(ref));
  }

  @Override
  public void report(TargetKey target, TargetHealth verdict) {
    health.put(target, verdict);
  }

  @Override
  public void record(
      String vip,
      int port,
      String protocol,
      String domain,
      String url,
      String targetIp,
      int targetPort,
      int status,
      Duration responseTime,
      Instant at) {
    traffic.add(new Traffic(domain, url, targetIp, targetPort, status));
  }
}
