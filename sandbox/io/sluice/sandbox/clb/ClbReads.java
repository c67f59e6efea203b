package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.Params;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The four CLB reads. They see only the state of completed tasks. Filters that name unknown
 * listeners or rules simply match nothing (a sandbox decision); only an unknown {@code
 * LoadBalancerId} is an error ({@code InvalidParameter.LBIdNotFound}), except in
 * DescribeTargetHealth, which takes a list and leaves unknown ids out.
 */
final class ClbReads {
  private final ClbState state;
  private final TaskEngine tasks;
  private final TargetHealthBoard health;
  private final InstanceDirectory directory;

  ClbReads(
      ClbState state, TaskEngine tasks, TargetHealthBoard health, InstanceDirectory directory) {
    this.state = state;
    this.tasks = tasks;
    this.health = health;
    this.directory = directory;
  }

  JsonObject describeListeners(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    JsonArray out = new JsonArray();
    lb.listeners().stream().filter(listenerFilter(p)).forEach(l -> out.add(ClbWire.listener(l)));
    return new JsonObject().put("Listeners", out).put("TotalCount", out.size());
  }

  /**
   * Backends per listener: {@code Rules[]} on layer 7 ({@code Targets} null), {@code Targets[]} on
   * layer 4 ({@code Rules} null). Filters {@code location-id} and {@code private-ip-address} are
   * supported; others answer {@code InvalidParameter.InvalidFilter}.
   */
  JsonObject describeTargets(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    Optional<Set<String>> locations = filter(p, "location-id");
    Optional<Set<String>> ips = filter(p, "private-ip-address");
    JsonArray out = new JsonArray();
    for (Listener l : lb.listeners().stream().filter(listenerFilter(p)).toList()) {
      JsonObject listener =
          new JsonObject()
              .put("ListenerId", l.listenerId())
              .put("Protocol", l.protocol().name())
              .put("Port", l.port());
      if (l.protocol().hasRules()) {
        JsonArray rules = new JsonArray();
        l.rules().stream()
            .filter(r -> locations.map(s -> s.contains(r.locationId())).orElse(true))
            .forEach(r -> rules.add(ruleTargets(r, ips)));
        out.add(listener.put("Rules", rules).putNull("Targets"));
      } else if (locations.isEmpty()) {
        out.add(listener.putNull("Rules").put("Targets", backends(l.backends().targets(), ips)));
      }
    }
    return new JsonObject().put("Listeners", out);
  }

  /**
   * Health per target, from the {@link TargetHealthBoard}. A layer-4 listener shows as one rule
   * with null LocationId, Domain and Url. Function targets are left out: whether CLB health-checks
   * them is UNCONFIRMED.
   */
  JsonObject describeTargetHealth(ApiRequest req) {
    Params p = req.params();
    p.requireArray("LoadBalancerIds");
    List<String> lbIds = p.strings("LoadBalancerIds");
    if (lbIds.size() > 30) {
      throw new ApiException(
          "LimitExceeded", "At most 30 LoadBalancerIds are allowed, got " + lbIds.size() + ".");
    }
    Predicate<String> listenerIds = membership(p, "ListenerIds");
    Predicate<String> locationIds = membership(p, "LocationIds");
    JsonArray out = new JsonArray();
    for (String id : lbIds) {
      state
          .loadBalancer(id)
          .ifPresent(
              lb ->
                  out.add(
                      new TargetHealthView(lb, health, directory)
                          .render(listenerIds, locationIds)));
    }
    return new JsonObject().put("LoadBalancers", out);
  }

  /** Status 2 running, 0 succeeded, 1 failed; an unknown TaskId per {@link UnknownTaskPolicy}. */
  JsonObject describeTaskStatus(ApiRequest req) {
    Params p = req.params();
    String taskId =
        p.optString("TaskId")
            .or(() -> p.optString("DealName"))
            .orElseThrow(
                () -> new ApiException("MissingParameter", "The parameter `TaskId` is missing."));
    Optional<TaskView> task = tasks.status(taskId);
    if (task.isEmpty()) {
      if (tasks.settings().unknownTask() == UnknownTaskPolicy.ERROR) {
        throw new ApiException("ResourceNotFound", "TaskId " + taskId + " not found.");
      }
      return new JsonObject()
          .put("Status", TaskStatus.SUCCEEDED.code())
          .put("LoadBalancerIds", new JsonArray())
          .putNull("Message");
    }
    TaskView t = task.get();
    return new JsonObject()
        .put("Status", t.status().code())
        .put("LoadBalancerIds", new JsonArray(t.loadBalancerIds()))
        .put("Message", t.message());
  }

  private JsonObject ruleTargets(Rule r, Optional<Set<String>> ips) {
    JsonArray functions = new JsonArray();
    r.backends().functions().forEach(f -> functions.add(ClbWire.functionTarget(f)));
    return new JsonObject()
        .put("LocationId", r.locationId())
        .put("Domain", r.domain())
        .put("Url", r.url())
        .put("Targets", backends(r.backends().targets(), ips))
        .put("FunctionTargets", functions);
  }

  private JsonArray backends(List<CvmTarget> targets, Optional<Set<String>> ips) {
    JsonArray out = new JsonArray();
    for (CvmTarget t : targets) {
      String ip = directory.privateIp(t.instanceId()).orElse("");
      if (ips.map(s -> s.contains(ip)).orElse(true)) {
        out.add(ClbWire.backend(t, ip));
      }
    }
    return out;
  }

  private static Predicate<Listener> listenerFilter(Params p) {
    Predicate<String> ids = membership(p, "ListenerIds");
    Optional<String> protocol = p.optString("Protocol");
    Optional<Long> port = p.optLong("Port");
    return l ->
        ids.test(l.listenerId())
            && protocol.map(x -> x.equalsIgnoreCase(l.protocol().name())).orElse(true)
            && port.map(x -> x == l.port()).orElse(true);
  }

  private static Predicate<String> membership(Params p, String name) {
    if (!p.has(name)) {
      return x -> true;
    }
    Set<String> wanted = Set.copyOf(p.strings(name));
    return wanted::contains;
  }

  private static Optional<Set<String>> filter(Params p, String wanted) {
    Optional<Set<String>> out = Optional.empty();
    for (Params f : p.objects("Filters")) {
      String name = f.requireString("Name");
      if (!name.equals("location-id") && !name.equals("private-ip-address")) {
        throw new ApiException(
            "InvalidParameter.InvalidFilter", "Filter " + name + " is not supported.");
      }
      if (name.equals(wanted)) {
        out = Optional.of(Set.copyOf(f.strings("Values")));
      }
    }
    return out;
  }
}
