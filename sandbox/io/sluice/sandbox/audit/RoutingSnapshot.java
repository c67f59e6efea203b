package io.sluice.sandbox.audit;

import io.sluice.sandbox.clb.Backends;
import io.sluice.sandbox.clb.ClbState;
import io.sluice.sandbox.clb.CvmTarget;
import io.sluice.sandbox.clb.FunctionTarget;
import io.sluice.sandbox.clb.Listener;
import io.sluice.sandbox.clb.LoadBalancer;
import io.sluice.sandbox.clb.Rule;
import io.sluice.sandbox.dnspod.DnsDomain;
import io.sluice.sandbox.dnspod.DnsRecord;
import io.sluice.sandbox.dnspod.DnspodAccount;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every routed name sends traffic right now, in one flat shape a checker can compare over
 * time: resource to target to weight. Resources are {@code clb:<lb>/<listener>/<locationId>} (a
 * layer-7 rule), {@code clb:<lb>/<listener>} (a layer-4 listener) and {@code
 * dns:<subDomain>.<domain>/<type>}. Targets are {@code ins-…:<port>} and {@code
 * scf:<namespace>/<name>:<qualifier>} with their CLB weight, and {@code <recordId> <value>} for
 * enabled DNS records with their weight (1 for an enabled record without a weight, which DNSPod
 * answers in turn; disabled records are left out). A resource whose weights add up to 0 routes to
 * nothing.
 */
public final class RoutingSnapshot {
  private RoutingSnapshot() {}

  public static Map<String, Map<String, Integer>> of(ClbState clb, DnspodAccount dns) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (LoadBalancer lb : clb.loadBalancers()) {
      for (Listener listener : lb.listeners()) {
        String prefix = "clb:" + lb.loadBalancerId() + "/" + listener.listenerId();
        if (listener.rules().isEmpty()) {
          out.put(prefix, targets(listener.backends()));
        }
        for (Rule rule : listener.rules()) {
          out.put(prefix + "/" + rule.locationId(), targets(rule.backends()));
        }
      }
    }
    for (DnsDomain domain : dns.domains()) {
      for (DnsRecord r : dns.records(domain)) {
        Map<String, Integer> name =
            out.computeIfAbsent(
                "dns:"
                    + r.subDomain().toLowerCase(Locale.ROOT)
                    + "."
                    + domain.name()
                    + "/"
                    + r.type(),
                k -> new TreeMap<>());
        if (r.enabled()) {
          name.put(r.recordId() + " " + r.value(), r.weight() == null ? 1 : r.weight());
        }
      }
    }
    return out;
  }

  private static Map<String, Integer> targets(Backends backends) {
    Map<String, Integer> out = new TreeMap<>();
    for (CvmTarget t : backends.targets()) {
      out.put(t.instanceId() + ":" + t.port(), t.weight());
    }
    for (FunctionTarget f : backends.functions()) {
      out.put(
          "scf:"
              + f.function().namespace()
              + "/"
              + f.function().name()
              + ":"
              + f.function().qualifier(),
          f.weight());
    }
    return out;
  }
}
