package io.sluice.sandbox.wiring;

import io.sluice.sandbox.clb.ClbState;
import io.sluice.sandbox.clb.Listener;
import io.sluice.sandbox.clb.Rule;
import io.sluice.sandbox.cvm.CvmInstance;
import io.sluice.sandbox.cvm.CvmInstances;
import io.sluice.sandbox.dataplane.routing.CvmTarget;
import io.sluice.sandbox.dataplane.routing.FunctionRef;
import io.sluice.sandbox.dataplane.routing.L7Rule;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dataplane.routing.RoutingTable;
import io.sluice.sandbox.dataplane.routing.RuleBackends;
import java.util.List;

/**
 * The data plane's view of the CLB model: each request reads the rules as the last completed task
 * left them, so a target switch shows in live traffic the moment its task completes.
 */
public final class ClbRoutes implements RoutingTable {
  private final ClbState clb;
  private final CvmInstances instances;

  public ClbRoutes(ClbState clb, CvmInstances instances) {
    this.clb = clb;
    this.instances = instances;
  }

  @Override
  public List<L7Rule> rules(ListenerKey key) {
    return clb.loadBalancer(key.loadBalancerId()).stream()
        .flatMap(lb -> lb.listeners().stream())
        .filter(l -> l.listenerId().equals(key.listenerId()))
        .map(Listener::rules)
        .flatMap(List::stream)
        .map(this::toRoute)
        .toList();
  }

  private L7Rule toRoute(Rule rule) {
    RuleBackends backends =
        rule.backends().functions().isEmpty()
            ? new RuleBackends.Cvms(
                rule.backends().targets().stream()
                    .map(
                        t ->
                            new CvmTarget(
                                t.instanceId(), privateIp(t.instanceId()), t.port(), t.weight()))
                    .toList())
            : new RuleBackends.Function(functionOf(rule));
    return new L7Rule(rule.locationId(), rule.domain(), rule.url(), backends);
  }

  private static FunctionRef functionOf(Rule rule) {
    var f = rule.backends().functions().getFirst().function();
    return new FunctionRef(f.namespace(), f.name(), f.qualifier());
  }

  private String privateIp(String instanceId) {
    return instances.find(instanceId).map(CvmInstance::privateIp).orElse("0.0.0.0");
  }
}
