package io.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and rules against the real thing: a real Prometheus scrapes a daemon on the
 * sandbox (service shop, both actuators) and evaluates {@code dashboards/prometheus}'s rules. With
 * every CVM instance stopped, the failover alert fires and the weight series change, as seen
 * through Prometheus's HTTP API, and the configured webhook hears of it. Then, with every meter a
 * failover creates in place, every dashboard query must run in Prometheus. One daemon and one
 * Prometheus serve both, in order. The metric-name checks that need no Prometheus are in {@link
 * ExportedMetricsIT}, so that they run, and pass, where Prometheus is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ObservabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Scrape and rule evaluation interval: short, so the test takes seconds. It is also the scrape
   * timeout (Prometheus allows no more), and a loaded two-core machine took over 500 ms to answer
   * /metrics, which read as up == 0 for ten seconds.
   */
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  // a scrape, an evaluation, a query; then slack for a shared CI machine
  private static final Duration SEEN_BOUND = INTERVAL.multipliedBy(3).plusSeconds(10);
  // probes rise 2 x 1s, warm-up 3 ticks, then slack (ShopFailoverIT's)
  private static final Duration READY_BOUND = Duration.ofSeconds(30);
  // fall 3 x 1s, confirmFor 2s, a tick, the CLB and DNS writes, then slack (ShopFailoverIT's)
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(3 + 2 + 1 + 1 + 20);
  private static final String SHOP_WEIGHT =
      "sluice_route_weight{job=\"sluice\",service=\"shop\",route=\"shop\",state=\"actual\",backend=\"%s\"}";

  private ObservedShop shop;
  private PrometheusServer prometheus;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    shop = ObservedShop.start(dir);
    prometheus =
        PrometheusServer.start(
            Files.createDirectory(dir.resolve("prometheus")),
            "127.0.0.1:" + shop.httpPort(),
            PrometheusRulesTest.RULES,
            INTERVAL);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      if (shop != null) {
        shop.close();
      }
    }
  }

  @Test
  @Order(1)
  void theFailoverAlertFiresAndTheWeightSeriesChange() throws Exception {
    await("Prometheus scrapes the daemon")
        .atMost(SEEN_BOUND)
        .until(() -> prometheus.value("up{job=\"sluice\"}"), v -> v.equals(Optional.of(1.0)));
    await("shop on CVM, as Prometheus sees it")
        .atMost(READY_BOUND)
        .until(
            () -> prometheus.value(SHOP_WEIGHT.formatted("cvm")),
            v -> v.equals(Optional.of(100.0)));
    assertThat(firing("SluiceServiceFailedOver")).isEmpty();

    shop.stopCvm();

    await("the failover alert fires")
        .atMost(FAILOVER_BOUND.plus(SEEN_BOUND))
        .until(() -> firing("SluiceServiceFailedOver"), a -> !a.isEmpty());
    JsonNode alert = firing("SluiceServiceFailedOver").getFirst();
    assertThat(alert.path("labels").path("service").asText()).isEqualTo("shop");
    assertThat(alert.path("labels").path("severity").asText()).isEqualTo("info");
    assertThat(alert.path("annotations").path("runbook").asText()).contains("standby");
    await("Prometheus sees shop's traffic on SCF")
        .atMost(FAILOVER_BOUND.plus(SEEN_BOUND))
        .until(
            () -> prometheus.value(SHOP_WEIGHT.formatted("scf")),
            v -> v.equals(Optional.of(100.0)));
    // the same series held 0 before: the change is in Prometheus's history, not only its present
    assertThat(prometheus.value("min_over_time(" + SHOP_WEIGHT.formatted("scf") + "[5m])"))
        .contains(0.0);
    assertThat(prometheus.value("min_over_time(" + SHOP_WEIGHT.formatted("cvm") + "[5m])"))
        .contains(0.0);
    // the same change, told to the webhook
    await("the webhook hears of the traffic change")
        .atMost(SEEN_BOUND)
        .until(
            () ->
                shop.webhook.bodies().stream().anyMatch(b -> b.contains("\"event\":\"traffic\"")));
    JsonNode traffic =
        JSON.readTree(
            shop.webhook.bodies().stream()
                .filter(b -> b.contains("\"event\":\"traffic\""))
                .reduce((first, last) -> last)
                .orElseThrow());
    assertThat(traffic.path("service").asText()).isEqualTo("shop");
    assertThat(traffic.path("before").asText()).isEqualTo("cvm=100,scf=0");
    assertThat(traffic.path("after").asText()).isEqualTo("cvm=0,scf=100");
    assertThat(traffic.path("reason").asText()).contains("failover");
    assertThat(traffic.path("links").path("dashboard").asText()).endsWith("?var-service=shop");
    assertThat(shop.webhook.bodies()).anyMatch(b -> b.contains("\"after\":\"FAILED_OVER\""));
  }

  @Test
  @Order(2)
  void everyDashboardQueryRunsInPrometheus() throws Exception {
    int queries = 0;
    for (Path file : DashboardFiles.all()) {
      for (String query : DashboardFiles.queries(DashboardFiles.read(file))) {
        String promql = GrafanaVariables.substitute(query);
        // a query Prometheus cannot parse or evaluate answers 400 or 422: get() fails with it
        assertThat(prometheus.query(promql)).as(file + ": " + query).isNotNull();
        queries++;
      }
    }
    assertThat(queries).isGreaterThan(30);
  }

  private List<JsonNode> firing(String alertname) throws IOException, InterruptedException {
    return prometheus
        .query("ALERTS{alertstate=\"firing\",alertname=\"" + alertname + "\"}")
        .stream()
        .map(a -> a.path("metric"))
        .map(labels -> alertWithAnnotations(alertname, labels))
        .toList();
  }

  /** The firing alert from /api/v1/alerts (with its annotations) matching an ALERTS series. */
  private JsonNode alertWithAnnotations(String alertname, JsonNode labels) {
    try {
      for (JsonNode alert : prometheus.get("/api/v1/alerts").path("data").path("alerts")) {
        if (alert.path("labels").path("alertname").asText().equals(alertname)
            && alert.path("labels").path("service").equals(labels.path("service"))) {
          return alert;
        }
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError(alertname + " is in ALERTS but not in /api/v1/alerts: " + labels);
  }
}
