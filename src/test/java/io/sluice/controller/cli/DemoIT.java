package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.daemon.SandboxClients;
import io.sluice.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice demo} end to end, as the README walks through it: traffic to shop is served by CVM;
 * both instances stopped, shop switches to SCF ("Hello CLB") through lb-cvm's rule and the DNS
 * answer turns to lb-scf; instances restored, traffic fails back after the dwell.
 */
final class DemoIT {
  private static final String SHOP = "shop.sluice.local";
  // confirmFor 3s after fall 3 x 1s, one tick, two CLB tasks of 300 ms; then slack for CI
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
  // failback waits 20s of UP, then 50% and 100% 10s apart; then slack for CI
  private static final Duration FAILBACK_BOUND = Duration.ofSeconds(75);

  /**
   * The soonest shop can answer from SCF after its instances stop (examples/demo/sluice.yaml): the
   * three failed probes, the first at once and the others at least 0.45 s apart (the default fast
   * interval, the probe's 500 ms timeout, with 10% jitter), then {@code confirmFor: 3s}. The
   * README's "about six seconds" adds the first probe's wait, the tick and the CLB tasks ({@code
   * ReadmeNumbersTest}); this test holds the order, not the latency.
   */
  private static final Duration SOONEST_FAILOVER = Duration.ofMillis(2 * 450 + 3000);

  @TempDir Path stateDir;
  private RunningDemo demo;
  private Sandbox sandbox;

  @BeforeEach
  void start() {
    demo = RunningDemo.start(stateDir);
    sandbox = demo.sandbox();
  }

  @AfterEach
  void stop() throws Exception {
    demo.close();
  }

  @Test
  void shopFailsOverToScfAndBackWhileTheGuideTellsHowToWatchIt() throws Exception {
    assertThat(demo.output())
        .contains("sluice demo is running")
        .contains("Host: shop.sluice.local")
        .contains("/instances/ins-shop0001/stop");
    await()
        .atMost(FAILOVER_BOUND)
        .until(
            () ->
                metrics()
                    .contains(
                        "sluice_backend_verdict{backend=\"cvm\",service=\"shop\",verdict=\"UP\"} 1.0"));
    assertThat(shop()).doesNotContain("Hello CLB");
    await().atMost(FAILOVER_BOUND).until(() -> dns().equals("127.0.0.1"));

    long stopped = System.nanoTime();
    demo.breakCvm();

    await().atMost(FAILOVER_BOUND).until(() -> shop().contains("Hello CLB"));
    Duration failover = Duration.ofNanos(System.nanoTime() - stopped);
    System.out.printf(
        "DemoIT: from stopping the instances to Hello CLB: %d ms%n", failover.toMillis());
    assertThat(failover)
        .as("the switch waited for three failed probes and the confirmation")
        .isGreaterThanOrEqualTo(SOONEST_FAILOVER);
    await().atMost(FAILOVER_BOUND).until(() -> dns().equals("127.0.0.2"));
    // the VIP and DNS may turn before the reconciler has read back its last actuator
    await().atMost(FAILOVER_BOUND).until(() -> metrics().contains(actualWeight("scf", 100)));

    // While the instances are down, shop stays on SCF past failback.after (20s): the CVM probe
    // goes through a rule Sluice never switches, so SCF's answers on lb-cvm are not CVM's.
    await()
        .during(Duration.ofSeconds(23))
        .atMost(Duration.ofSeconds(30))
        .until(() -> shop().contains("Hello CLB"));

    demo.repairCvm();
    // the first of the two failback steps: half of shop back on CVM
    await().atMost(FAILBACK_BOUND).until(() -> metrics().contains(actualWeight("cvm", 50)));
    // and it moves traffic: lb-cvm's rule, beside DNS weights, forwards to CVM once CVM has a share
    assertThat(shop()).doesNotContain("Hello CLB");

    await()
        .atMost(FAILBACK_BOUND)
        .until(() -> !shop().contains("Hello CLB") && dns().equals("127.0.0.1"));
    // the VIP and DNS may turn before the reconciler has read back its last actuator
    await().atMost(FAILOVER_BOUND).until(() -> metrics().contains(actualWeight("cvm", 100)));
  }

  private static String actualWeight(String backend, int weight) {
    return weight("actual", backend, weight);
  }

  private static String weight(String state, String backend, int weight) {
    return "sluice_route_weight{backend=\""
        + backend
        + "\",route=\"shop\",service=\"shop\",state=\""
        + state
        + "\"} "
        + weight
        + ".0";
  }

  private String shop() throws IOException {
    return SandboxClients.get(sandbox.vipPort("lb-cvm", "lbl-cvm"), SHOP);
  }

  private String dns() throws IOException {
    return SandboxClients.dns(sandbox.dnsPort(), SHOP);
  }

  private String metrics() throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + demo.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
