package io.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric names, checked against the daemon's own {@code /metrics} with no Prometheus: every
 * metric the dashboards and rules read is one the daemon exports (or a rule records), and
 * docs/observability.md names every metric the daemon exports. One daemon on the sandbox (service
 * shop, both actuators, a webhook) serves both, after a failover of shop, so that the meters a
 * failover creates exist. {@link ObservabilityIT} checks the same dashboards and rules in a real
 * Prometheus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ExportedMetricsIT {
  // probes rise 2 x 1s, warm-up 3 ticks, then slack (ShopFailoverIT's)
  private static final Duration READY_BOUND = Duration.ofSeconds(30);
  // fall 3 x 1s, confirmFor 2s, a tick, the CLB and DNS writes, then slack (ShopFailoverIT's)
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(3 + 2 + 1 + 1 + 20);

  // shop.yaml's load interval (10 s) twice, then slack
  private static final Duration LOAD_READ_BOUND = Duration.ofSeconds(10 + 10 + 10);

  /** Exported only by the replicas of a group; GroupDaemonsIT checks them on three. */
  static final Set<String> REPLICA_ONLY = ReplicaOnlyMetrics.NAMES;

  /** Series Prometheus makes itself. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS");

  private ObservedShop shop;
  private String exposition;

  @BeforeAll
  void failOver(@TempDir Path dir) throws Exception {
    shop = ObservedShop.start(dir);
    await("shop on CVM").atMost(READY_BOUND).until(() -> shopActual("cvm"));
    shop.stopCvm();
    await("shop on SCF").atMost(FAILOVER_BOUND).until(() -> shopActual("scf"));
    await("the webhook hears of it")
        .atMost(FAILOVER_BOUND)
        .until(
            () ->
                shop.webhook.bodies().stream().anyMatch(b -> b.contains("\"event\":\"traffic\"")));
    // shop.yaml reads Cloud Monitor every 10 s; its gauges exist from the first read on
    await("the first Cloud Monitor load read")
        .atMost(LOAD_READ_BOUND)
        .until(() -> Exposition.scrape(shop.httpPort()).contains("sluice_backend_load_requests{"));
    exposition = Exposition.scrape(shop.httpPort());
  }

  @AfterAll
  void stop() throws Exception {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void everyMetricTheDashboardsAndRulesReadIsExported() throws Exception {
    Set<String> available = new TreeSet<>(Exposition.names(exposition));
    available.addAll(RuleFiles.recordNames(PrometheusRulesTest.RULES));
    available.addAll(PROMETHEUS_OWN);
    Set<String> read = new TreeSet<>();
    RuleFiles.expressions(PrometheusRulesTest.RULES).forEach(q -> read.addAll(PromQlNames.in(q)));
    for (Path file : DashboardFiles.all()) {
      DashboardFiles.queries(DashboardFiles.read(file))
          .forEach(q -> read.addAll(PromQlNames.in(q)));
    }
    assertThat(read).as("metric names the dashboards and rules read").hasSizeGreaterThan(20);
    read.removeAll(REPLICA_ONLY);
    assertThat(available).as("exported by the daemon or recorded by the rules").containsAll(read);
  }

  @Test
  void theObservabilityPageNamesEveryExportedMetric() throws Exception {
    String docs = Files.readString(Path.of("docs", "observability.md"));
    Set<String> undocumented = new TreeSet<>();
    for (String name : Exposition.names(exposition)) {
      String family = name.replaceFirst("_(bucket|count|sum|max)$", "");
      if (name.startsWith("sluice_")
          && !docs.contains("`" + family + "`")
          && !docs.contains("`" + name + "`")) {
        undocumented.add(name);
      }
    }
    assertThat(undocumented).as("sluice metrics missing from docs/observability.md").isEmpty();
  }

  private boolean shopActual(String backend) throws Exception {
    return Exposition.has(
        Exposition.scrape(shop.httpPort()),
        "sluice_route_weight",
        Map.of("service", "shop", "route", "shop", "state", "actual", "backend", backend),
        100);
  }
}
