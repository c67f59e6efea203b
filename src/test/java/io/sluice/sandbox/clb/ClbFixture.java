package io.sluice.sandbox.clb;

import io.sluice.sandbox.Requests;
import io.sluice.sandbox.scf.FunctionKey;
import io.sluice.sandbox.scf.FunctionType;
import io.sluice.sandbox.scf.ScfState;
import io.sluice.testing.MutableClock;
import io.sluice.testing.MutableNanos;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One load balancer in ap-guangzhou with an HTTP listener (one rule, api.example.com/) and a TCP
 * listener; two CVM instances; Event functions {@code web} (version 1, alias live) and {@code far}
 * (in ap-shanghai only) and an HTTP function {@code http-fn}; the CLB API over all of it.
 */
final class ClbFixture {
  static final String REGION = "ap-guangzhou";
  static final Duration TASK = TaskSettings.DEFAULT_DURATION;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T01:02:03Z"));
  final ClbState state = new ClbState(new ResourceIds(new Random(7)), clock);

  /** The tasks' clock, moved with the wall clock by {@link #advance}. */
  final MutableNanos nanos = new MutableNanos();

  final TaskEngine tasks;
  final ScfState scf = new ScfState(clock);
  final TargetHealthBoard health = new TargetHealthBoard();
  final Map<String, String> ips = Map.of("ins-aaaa1111", "10.0.0.11", "ins-bbbb2222", "10.0.0.12");
  final Requests api;
  final LoadBalancer lb;
  final Listener http;
  final Listener tcp;
  final Rule rule;

  ClbFixture() {
    this(TaskSettings.defaults(), ClbSettings.defaults());
  }

  ClbFixture(TaskSettings taskSettings, ClbSettings settings) {
    tasks = new TaskEngine(nanos, new Random(11), taskSettings);
    InstanceDirectory directory = id -> Optional.ofNullable(ips.get(id));
    api =
        new Requests(
            ClbService.definition(state, tasks, scf, health, directory, settings), clock, REGION);
    lb = state.createLoadBalancer("web-lb", "127.0.0.1:18081", REGION);
    http = state.createListener(lb.loadBalancerId(), ListenerProtocol.HTTP, 80, "http");
    tcp = state.createListener(lb.loadBalancerId(), ListenerProtocol.TCP, 9000, "tcp");
    rule = state.createRule(lb.loadBalancerId(), http.listenerId(), "api.example.com", "/");
    FunctionKey web = new FunctionKey(REGION, "default", "web");
    scf.create(web, FunctionType.Event, "Nodejs18.15", "index.main");
    scf.publishVersion(web);
    scf.putAlias(web, "live", "1");
    scf.create(new FunctionKey(REGION, "default", "http-fn"), FunctionType.HTTP, "Go1", "main");
    scf.create(new FunctionKey("ap-shanghai", "default", "far"), FunctionType.Event, "Go1", "main");
  }

  /** Runs the current task to completion. */
  void completeTasks() {
    advance(TASK);
    tasks.poll();
  }

  /** Moves both clocks. */
  void advance(Duration duration) {
    clock.advance(duration);
    nanos.advance(duration);
  }

  JsonObject onRule() {
    return new JsonObject()
        .put("LoadBalancerId", lb.loadBalancerId())
        .put("ListenerId", http.listenerId())
        .put("LocationId", rule.locationId());
  }

  JsonObject onTcp() {
    return new JsonObject()
        .put("LoadBalancerId", lb.loadBalancerId())
        .put("ListenerId", tcp.listenerId());
  }

  static JsonObject target(String instanceId, int port) {
    return new JsonObject().put("InstanceId", instanceId).put("Port", port);
  }

  static JsonArray targets(JsonObject... t) {
    JsonArray out = new JsonArray();
    for (JsonObject o : t) {
      out.add(o);
    }
    return out;
  }

  static JsonArray function(String name, String qualifier, int weight) {
    return new JsonArray()
        .add(
            new JsonObject()
                .put(
                    "Function",
                    new JsonObject()
                        .put("FunctionNamespace", "default")
                        .put("FunctionName", name)
                        .put("FunctionQualifier", qualifier))
                .put("Weight", weight));
  }

  /** The rule's backends as the completed state holds them. */
  Backends ruleBackends() {
    return state
        .require(lb.loadBalancerId())
        .backends(new BackendSite(http.listenerId(), rule.locationId()));
  }

  Backends tcpBackends() {
    return state.require(lb.loadBalancerId()).backends(new BackendSite(tcp.listenerId(), null));
  }

  JsonObject describeTargets() {
    return api.call("DescribeTargets", new JsonObject().put("LoadBalancerId", lb.loadBalancerId()));
  }

  JsonObject taskStatus(String taskId) {
    return api.call("DescribeTaskStatus", new JsonObject().put("TaskId", taskId));
  }

  /** Registers CVM targets on the rule and completes the task. */
  void registerOnRule(JsonObject... t) {
    api.call("RegisterTargets", onRule().put("Targets", targets(t)));
    completeTasks();
  }
}
