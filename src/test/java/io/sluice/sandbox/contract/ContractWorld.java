package io.sluice.sandbox.contract;

import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusRequest;
import com.tencentcloudapi.clb.v20180317.models.RuleTargets;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.SandboxClients;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A small world for the contract tests, running in its own sandbox: one CLB with an HTTP listener
 * (a rule with two CVM targets, a rule bound to a function, an empty rule) and a TCP listener;
 * three CVM instances; Event functions {@code fn-static} (version 1) and {@code fn-echo}, and an
 * HTTP function {@code fn-http}. Settings can be overridden per world.
 */
final class ContractWorld implements AutoCloseable {
  static final String LB = "lb-contract1";
  static final String HTTP_LISTENER = "lbl-http0001";
  static final String TCP_LISTENER = "lbl-tcp00001";
  static final String CVM_RULE = "loc-cvm00001";
  static final String SCF_RULE = "loc-scf00001";
  static final String EMPTY_RULE = "loc-empty001";
  static final String CVM_DOMAIN = "cvm.example.com";
  static final String SCF_DOMAIN = "scf.example.com";

  private static final String WORLD =
      """
      region: ap-guangzhou
      credentials:
        - {secretId: AKIDCONTRACT0000000000000000000000000, secretKey: contract-secret-key-00000000}
      settings:
      %s
      instances:
        - {id: ins-cvm00001, name: cvm-1}
        - {id: ins-cvm00002, name: cvm-2}
        - {id: ins-cvm00003, name: cvm-3}
      functions:
        - name: fn-static
          type: Event
          code: {builtin: static, status: 200, contentType: text/plain, body: from-scf}
          versions: ["1"]
        - name: fn-echo
          code: {builtin: echo}
        - name: fn-http
          type: HTTP
          code: {builtin: echo}
      loadBalancers:
        - id: lb-contract1
          name: contract
          listeners:
            - id: lbl-http0001
              protocol: HTTP
              port: 80
              rules:
                - id: loc-cvm00001
                  domain: cvm.example.com
                  url: /
                  targets:
                    - {instance: ins-cvm00001, port: 80, weight: 10}
                    - {instance: ins-cvm00002, port: 80, weight: 20}
                - id: loc-scf00001
                  domain: scf.example.com
                  url: /
                  function: {name: fn-static}
                - id: loc-empty001
                  domain: empty.example.com
                  url: /
            - id: lbl-tcp00001
              protocol: TCP
              port: 443
      """;

  final Sandbox sandbox;

  /** The world with a short task duration, overridden or extended by {@code settings}. */
  ContractWorld(Map<String, String> settings) {
    this(settings, System::nanoTime);
  }

  /**
   * As {@link #ContractWorld(Map)}, on a monotonic clock of the test's (the clock of the CLB tasks
   * and the rate limits).
   */
  ContractWorld(Map<String, String> settings, LongSupplier nanos) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("taskDuration", "100ms");
    all.put(
        "healthCheck",
        "{interval: 200ms, timeout: 200ms, healthyThreshold: 1, unhealthyThreshold: 1}");
    all.putAll(settings);
    String block =
        all.entrySet().stream()
            .map(e -> "  " + e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("\n"));
    sandbox =
        Sandbox.start(
            ScenarioLoader.parse("contract-world.yaml", WORLD.formatted(block)),
            Path.of("."),
            nanos);
  }

  ContractWorld() {
    this(Map.of());
  }

  @Override
  public void close() {
    sandbox.close();
  }

  /** A typed SDK client on the sandbox, with explicit timeouts (reference section 2.2). */
  <T> T client(Class<T> type) throws Exception {
    return SandboxClients.client(sandbox, type);
  }

  /** Waits for a CLB task to end and returns its final status (0 done, 1 failed). */
  static long awaitTask(ClbClient clb, String taskId) {
    DescribeTaskStatusRequest req = new DescribeTaskStatusRequest();
    req.setTaskId(taskId);
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> clb.DescribeTaskStatus(req).getStatus(), s -> s != 2L);
  }

  /** The rules of the HTTP listener as DescribeTargets shows them, by LocationId. */
  static Map<String, RuleTargets> rules(ClbClient clb) throws Exception {
    DescribeTargetsRequest req = new DescribeTargetsRequest();
    req.setLoadBalancerId(LB);
    req.setListenerIds(new String[] {HTTP_LISTENER});
    return Arrays.stream(clb.DescribeTargets(req).getListeners()[0].getRules())
        .collect(
            Collectors.toMap(RuleTargets::getLocationId, r -> r, (a, b) -> a, LinkedHashMap::new));
  }

  /** A GET through the HTTP listener's VIP with this Host; returns the status code. */
  int get(String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", sandbox.vipPort(LB, HTTP_LISTENER))) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return Integer.parseInt(raw.split(" ", 3)[1]);
    }
  }
}
