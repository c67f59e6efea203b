package io.sluice.controller.actuate.clb;

import com.tencentcloudapi.common.Credential;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.cloud.ClientSettings;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.GuardSettings;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ClbTarget;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.clb.Backends;
import io.sluice.sandbox.clb.LoadBalancer;
import io.sluice.sandbox.clb.Rule;
import io.sluice.sandbox.scenario.ScenarioLoader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A sandbox for the clb-rule actuator: CLB {@code lb-shop0001} with an HTTP listener whose rule
 * {@code loc-shop0001} (shop.example.com) forwards to two CVM instances at weights 10 and 20, a
 * second rule {@code loc-blog0001} (blog.example.com) on the same load balancer, and a rule {@code
 * loc-fnonly1} (fn.example.com) bound to the function from the start; the Event function {@code
 * fn-shop} answers {@code from-scf}. The task duration and {@code mixedRuleTargets} are per world.
 *
 * <p>Every change the sandbox's CLB model goes through is recorded as the shop rule's state, so a
 * test can check each state the rule was ever in, as traffic would have seen it.
 */
final class ClbRuleWorld implements AutoCloseable {
  static final String LB = "lb-shop0001";
  static final String LISTENER = "lbl-http0001";
  static final String SHOP_RULE = "loc-shop0001";
  static final String BLOG_RULE = "loc-blog0001";
  static final String FUNCTION_RULE = "loc-fnonly1";
  static final String SHOP = "shop.example.com";
  static final BackendConfig.Function FUNCTION =
      new BackendConfig.Function("default", "fn-shop", "$LATEST");

  private static final String WORLD =
      """
      region: ap-guangzhou
      credentials:
        - {secretId: AKIDCLBRULE00000000000000000000000000, secretKey: clb-rule-secret-key-00000000}
      settings:
        taskDuration: %s
        mixedRuleTargets: %s
        healthCheck: {interval: 200ms, timeout: 200ms, healthyThreshold: 1, unhealthyThreshold: 1}
      instances:
        - {id: ins-shop0001, name: shop-1}
        - {id: ins-shop0002, name: shop-2}
        - {id: ins-blog0001, name: blog-1}
        - {id: ins-shop0003, name: shop-3}
      functions:
        - name: fn-shop
          type: Event
          code: {builtin: static, status: 200, contentType: text/plain, body: from-scf}
      loadBalancers:
        - id: lb-shop0001
          name: shop
          listeners:
            - id: lbl-http0001
              protocol: HTTP
              port: 80
              rules:
                - id: loc-shop0001
                  domain: shop.example.com
                  url: /
                  targets:
                    - {instance: ins-shop0001, port: 80, weight: 10}
                    - {instance: ins-shop0002, port: 80, weight: 20}
                - id: loc-blog0001
                  domain: blog.example.com
                  url: /
                  targets:
                    - {instance: ins-blog0001, port: 80, weight: 10}
                - id: loc-fnonly1
                  domain: fn.example.com
                  url: /
                  function: {name: fn-shop}
      """;

  final Sandbox sandbox;
  final Vertx vertx = Vertx.vertx();
  final MeterRegistry meters = new SimpleMeterRegistry();
  final CloudGuards guards;
  final CloudClients clients;
  final ClbLocks locks = new ClbLocks();
  final boolean mixed;
  private final Context context = vertx.getOrCreateContext();

  /** The shop rule's states, one per change of the load balancer, oldest first. */
  final List<String> shopStates = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param taskDuration how long each CLB task runs, such as {@code 0ms}
   * @param mixed the sandbox's {@code mixedRuleTargets}: allowed or rejected
   */
  ClbRuleWorld(String taskDuration, boolean mixed) {
    this.mixed = mixed;
    sandbox =
        Sandbox.start(
            ScenarioLoader.parse(
                "clb-rule-world.yaml",
                WORLD.formatted(taskDuration, mixed ? "allowed" : "rejected")),
            Path.of("."));
    sandbox.clb().addChangeListener(lb -> shopStates.add(describe(lb, SHOP_RULE)));
    guards = new CloudGuards(vertx, QUICK_GUARDS, meters);
    clients = clients(ClientSettings.DEFAULT_READ_TIMEOUT);
  }

  /**
   * Quick retries, so the tests do not wait on production backoff, and a breaker that does not open
   * on a test's handful of injected faults, so the tests reach the actuator's own retries.
   */
  private static final GuardSettings QUICK_GUARDS =
      new GuardSettings(
          0.75,
          Duration.ofSeconds(2),
          3,
          Duration.ofMillis(20),
          Duration.ofSeconds(2),
          Duration.ofSeconds(60),
          100,
          50f,
          Duration.ofSeconds(30),
          Duration.ofSeconds(15));

  /** SDK clients on the sandbox that give up on an answer after {@code readTimeout}. */
  CloudClients clients(Duration readTimeout) {
    var credentials = sandbox.scenario().credentials().getFirst();
    return new CloudClients(
        new Credential(credentials.secretId(), credentials.secretKey()),
        ClientSettings.sandbox(sandbox.region(), sandbox.apiEndpoint())
            .withReadTimeout(readTimeout));
  }

  static ClbTarget rule(String locationId) {
    return new ClbTarget(
        LB,
        LISTENER,
        ClbTarget.ListenerProtocol.HTTP,
        Optional.of(locationId),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  ClbRuleActuator actuator(ClbTarget rule, HomeTargets homes, Duration taskBudget) {
    return actuator(rule, homes, taskBudget, clients);
  }

  ClbRuleActuator actuator(
      ClbTarget rule, HomeTargets homes, Duration taskBudget, CloudClients through) {
    return new ClbRuleActuator(
        rule, FUNCTION, mixed, through, guards, locks, homes, meters, vertx, taskBudget);
  }

  ClbRuleActuator actuator(HomeTargets homes) {
    return actuator(rule(SHOP_RULE), homes, ClbRuleActuator.DEFAULT_TASK_BUDGET);
  }

  /** Runs {@code call} on the world's context, as the reconciler would, and waits for it. */
  <T> T on(Supplier<Future<T>> call) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** The failure of {@code call}, run as {@link #on} runs it; fails the test when it succeeds. */
  Throwable failure(Supplier<Future<?>> call) throws Exception {
    Promise<Throwable> done = Promise.promise();
    context.runOnContext(
        v ->
            call.get()
                .onComplete(
                    outcome -> done.complete(outcome.succeeded() ? null : outcome.cause())));
    Throwable failure =
        done.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    if (failure == null) {
      throw new AssertionError("expected a failure, the call succeeded");
    }
    return failure;
  }

  /** The rule as the sandbox's model holds it: {@code cvm ins-1:80@10, ...; scf fn:$LATEST@100}. */
  String state(String locationId) {
    sandbox.tasks().poll();
    return describe(sandbox.clb().require(LB), locationId);
  }

  private static String describe(LoadBalancer lb, String locationId) {
    Backends backends =
        lb.listeners().stream()
            .flatMap(l -> l.rules().stream())
            .filter(r -> r.locationId().equals(locationId))
            .map(Rule::backends)
            .findFirst()
            .orElseThrow();
    String cvm =
        backends.targets().stream()
            .map(t -> t.instanceId() + ":" + t.port() + "@" + t.weight())
            .collect(Collectors.joining(", "));
    String scf =
        backends.functions().stream()
            .map(f -> f.function().name() + ":" + f.function().qualifier() + "@" + f.weight())
            .collect(Collectors.joining(", "));
    return "cvm " + (cvm.isEmpty() ? "none" : cvm) + "; scf " + (scf.isEmpty() ? "none" : scf);
  }

  /**
   * Changes the shop rule's CVM targets as an Auto Scaling group or an SRE would, through the SDK
   * beside Sluice, and waits for the task.
   */
  void changeTargetsByHand(String action, String instanceId, int weight) throws Exception {
    var clb = clients.clb();
    var target = new com.tencentcloudapi.clb.v20180317.models.Target();
    target.setInstanceId(instanceId);
    target.setPort(80L);
    target.setWeight((long) weight);
    var targets = new com.tencentcloudapi.clb.v20180317.models.Target[] {target};
    switch (action) {
      case "register" -> {
        var r = new com.tencentcloudapi.clb.v20180317.models.RegisterTargetsRequest();
        r.setLoadBalancerId(LB);
        r.setListenerId(LISTENER);
        r.setLocationId(SHOP_RULE);
        r.setTargets(targets);
        clb.RegisterTargets(r);
      }
      case "reweigh" -> {
        var r = new com.tencentcloudapi.clb.v20180317.models.ModifyTargetWeightRequest();
        r.setLoadBalancerId(LB);
        r.setListenerId(LISTENER);
        r.setLocationId(SHOP_RULE);
        r.setTargets(targets);
        clb.ModifyTargetWeight(r);
      }
      case "deregister" -> {
        var r = new com.tencentcloudapi.clb.v20180317.models.DeregisterTargetsRequest();
        r.setLoadBalancerId(LB);
        r.setListenerId(LISTENER);
        r.setLocationId(SHOP_RULE);
        target.setWeight(null);
        r.setTargets(targets);
        clb.DeregisterTargets(r);
      }
      default -> throw new IllegalArgumentException(action);
    }
    sandbox.tasks().poll();
  }

  /** How many times the timers named {@code name} with the tag recorded. */
  long timed(String name, String tag, String value) {
    return meters.find(name).tag(tag, value).timers().stream().mapToLong(Timer::count).sum();
  }

  /** Whether a state from {@link #shopStates} forwards to something with a weight above 0. */
  static boolean routes(String state) {
    return state.matches(".*@[1-9].*");
  }

  /**
   * A plain HTTP/1.1 GET through the listener's VIP with {@code host} as the Host header, as a
   * user's browser would send it; returns the body.
   */
  String get(String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", sandbox.vipPort(LB, LISTENER))) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return raw.split("\r\n\r\n", 2)[1];
    }
  }

  @Override
  public void close() throws Exception {
    guards.close();
    sandbox.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A step log that keeps every call as a line, in order. */
  static final class RecordingStepLog implements StepLog {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public io.vertx.core.Future<Void> before(String action, String target, String value) {
      lines.add("before " + action + " " + target + " " + value);
      return io.vertx.core.Future.succeededFuture();
    }

    @Override
    public void after(String action, String target, String requestId, String outcome) {
      lines.add(
          "after "
              + action
              + " "
              + target
              + " "
              + (requestId.isEmpty() ? "-" : "rid")
              + " "
              + outcome);
    }

    /** The write actions announced, in order. */
    List<String> actions() {
      return lines.stream().filter(l -> l.startsWith("before ")).map(l -> l.split(" ")[1]).toList();
    }
  }
}
