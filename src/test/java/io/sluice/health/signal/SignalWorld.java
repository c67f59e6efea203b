package io.sluice.health.signal;

import com.tencentcloudapi.common.Credential;
import io.sluice.cloud.ClbRule;
import io.sluice.cloud.ClientSettings;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.GuardSettings;
import io.sluice.health.ProbeOutcome;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.scenario.ScenarioLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A small world for the cloud-signal tests in its own sandbox: one CLB with an HTTP listener and a
 * rule with two CVM targets; an Event function {@code fn-event} (version 1) and an HTTP function
 * {@code fn-http}. The CLB health check runs every 200 ms with thresholds of 1, so a stopped
 * instance reads Dead within a second.
 */
final class SignalWorld implements AutoCloseable {
  static final ClbRule RULE = new ClbRule("lb-signal01", "lbl-http0001", "loc-cvm00001");
  static final String INSTANCE_A = "ins-sig00001";
  static final String INSTANCE_B = "ins-sig00002";
  static final String SECRET_ID = "AKIDSIGNAL00000000000000000000000000";

  /** Bounds waits on the CLB health check: many times its 200 ms interval. */
  static final Duration HEALTH_CHECK_BOUND = Duration.ofSeconds(10);

  private static final String WORLD =
      """
      region: ap-guangzhou
      credentials:
        - {secretId: %s, secretKey: signal-secret-key-000000000000}
      settings:
        taskDuration: 100ms
        healthCheck: {interval: 200ms, timeout: 200ms, healthyThreshold: 1, unhealthyThreshold: 1}
        monitorOpenPeriod: true
      instances:
        - {id: ins-sig00001, name: sig-1}
        - {id: ins-sig00002, name: sig-2}
      functions:
        - name: fn-event
          type: Event
          code: {builtin: static, status: 200, contentType: text/plain, body: ok}
          versions: ["1"]
        - name: fn-http
          type: HTTP
          code: {builtin: echo}
      loadBalancers:
        - id: lb-signal01
          name: signals
          listeners:
            - id: lbl-http0001
              protocol: HTTP
              port: 80
              rules:
                - id: loc-cvm00001
                  domain: app.example.com
                  url: /
                  targets:
                    - {instance: ins-sig00001, port: 80, weight: 10}
                    - {instance: ins-sig00002, port: 80, weight: 20}
      """
          .formatted(SECRET_ID);

  final Sandbox sandbox =
      Sandbox.start(ScenarioLoader.parse("signal-world.yaml", WORLD), Path.of("."));
  final Vertx vertx = Vertx.vertx();

  /** Quick retries so the tests do not wait on production backoff. */
  static GuardSettings quickGuards() {
    return GuardSettings.defaults().withRetries(3, Duration.ofMillis(20));
  }

  ClientSettings settings() {
    return ClientSettings.sandbox(sandbox.region(), sandbox.apiEndpoint());
  }

  CloudClients clients() {
    return clients(settings(), sandbox.scenario().credentials().getFirst().secretKey());
  }

  CloudClients clients(ClientSettings settings, String secretKey) {
    return new CloudClients(new Credential(SECRET_ID, secretKey), settings);
  }

  static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static boolean isUp(ProbeOutcome outcome) {
    return outcome instanceof ProbeOutcome.Up;
  }

  @Override
  public void close() throws Exception {
    sandbox.faults().clearAll();
    try {
      sandbox.close();
    } finally {
      join(vertx.close());
    }
  }
}
