package io.sluice.sandbox.clb;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;

/**
 * Renders one load balancer for {@code DescribeTargetHealth}: {@code LoadBalancerHealth →
 * ListenerHealth → RuleHealth → TargetHealth}. {@code HealthStatusDetial} (Tencent's misspelled,
 * deprecated twin) carries the same value as {@code HealthStatusDetail}, since old SDKs read only
 * the misspelled one.
 */
final class TargetHealthView {
  private final LoadBalancer lb;
  private final TargetHealthBoard health;
  private final InstanceDirectory directory;

  TargetHealthView(LoadBalancer lb, TargetHealthBoard health, InstanceDirectory directory) {
    this.lb = lb;
    this.health = health;
    this.directory = directory;
  }

  JsonObject render(Predicate<String> listenerIds, Predicate<String> locationIds) {
    JsonArray listeners = new JsonArray();
    for (Listener l : lb.listeners()) {
      if (listenerIds.test(l.listenerId())) {
        listeners.add(listener(l, locationIds));
      }
    }
    return new JsonObject()
        .put("LoadBalancerId", lb.loadBalancerId())
        .put("LoadBalancerName", lb.name())
        .put("Listeners", listeners);
  }

  private JsonObject listener(Listener l, Predicate<String> locationIds) {
    JsonArray rules = new JsonArray();
    if (l.protocol().hasRules()) {
      for (Rule r : l.rules()) {
        if (locationIds.test(r.locationId())) {
          rules.add(
              rule(
                  r.locationId(),
                  r.domain(),
                  r.url(),
                  new BackendSite(l.listenerId(), r.locationId()),
                  r.backends()));
        }
      }
    } else {
      rules.add(rule(null, null, null, new BackendSite(l.listenerId(), null), l.backends()));
    }
    return new JsonObject()
        .put("ListenerId", l.listenerId())
        .put("ListenerName", l.name())
        .put("Protocol", l.protocol().name())
        .put("Port", l.port())
        .put("Rules", rules);
  }

  private JsonObject rule(
      String locationId, String domain, String url, BackendSite site, Backends backends) {
    JsonArray targets = new JsonArray();
    for (CvmTarget t : backends.targets()) {
      HealthStatusDetail status =
          health.status(TargetHealthKey.of(lb.loadBalancerId(), site, t.binding()));
      targets.add(
          new JsonObject()
              .put("IP", directory.privateIp(t.instanceId()).orElse(""))
              .put("Port", t.port())
              .put("HealthStatus", status.healthy())
              .put("TargetId", t.instanceId())
              .put("HealthStatusDetail", status.wire())
              .put("HealthStatusDetial", status.wire())
              .put("Weight", t.weight()));
    }
    return new JsonObject()
        .put("LocationId", locationId)
        .put("Domain", domain)
        .put("Url", url)
        .putNull("RuleId")
        .put("Targets", targets);
  }
}
