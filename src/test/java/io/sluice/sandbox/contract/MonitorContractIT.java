package io.sluice.sandbox.contract;

import static io.sluice.sandbox.contract.ContractWorld.CVM_DOMAIN;
import static io.sluice.sandbox.contract.ContractWorld.SCF_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.monitor.v20180724.MonitorClient;
import com.tencentcloudapi.monitor.v20180724.models.DataPoint;
import com.tencentcloudapi.monitor.v20180724.models.Dimension;
import com.tencentcloudapi.monitor.v20180724.models.GetMonitorDataRequest;
import com.tencentcloudapi.monitor.v20180724.models.GetMonitorDataResponse;
import com.tencentcloudapi.monitor.v20180724.models.Instance;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GetMonitorData through the official SDK's typed {@link MonitorClient}, after real requests
 * through a VIP: five to the CVM rule and three to the function rule, then one the CLB answers 502
 * itself because both CVM targets refuse connections. The world reports the open 60-second period
 * ({@code monitorOpenPeriod: true}) so the test need not wait for it to close.
 */
final class MonitorContractIT {
  private static ContractWorld world;
  private static MonitorClient monitor;

  @BeforeAll
  static void sendTraffic() throws Exception {
    world = new ContractWorld(Map.of("monitorOpenPeriod", "true"));
    monitor = world.client(MonitorClient.class);
    for (int i = 0; i < 5; i++) {
      assertThat(world.get(CVM_DOMAIN)).isEqualTo(200);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(world.get(SCF_DOMAIN)).isEqualTo(200);
    }
    // Both CVM targets refuse: the CLB answers 502 itself, which no real server returned.
    world.sandbox.instances().stop("ins-cvm00001");
    world.sandbox.instances().stop("ins-cvm00002");
    world.sandbox.reconcileInstances();
    assertThat(world.get(CVM_DOMAIN)).isEqualTo(502);
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @Test
  void perRuleCountsShowInQceLoadbalance() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(total("QCE/LOADBALANCE", "HttpCode2XX", rule(CVM_DOMAIN))).isEqualTo(5);
              assertThat(total("QCE/LOADBALANCE", "HttpCode5XX", rule(CVM_DOMAIN))).isZero();
            });
  }

  @Test
  void listenerTotalsShowInQceLbPublic() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        total(
                            "QCE/LB_PUBLIC",
                            "TotalReq",
                            dimension("loadBalancerPort", "80"),
                            dimension("protocol", "HTTP")))
                    .isEqualTo(9));
    GetMonitorDataResponse res = query("QCE/LB_PUBLIC", "TotalReq", dimension("protocol", "HTTP"));
    assertThat(res.getPeriod()).isEqualTo(60L);
    assertThat(res.getMetricName()).isEqualTo("TotalReq");
    DataPoint point = res.getDataPoints()[0];
    assertThat(point.getTimestamps()).hasSameSizeAs(point.getValues()).isNotEmpty();
    assertThat(point.getTimestamps()).allSatisfy(t -> assertThat(t % 60).isZero());
    assertThat(point.getDimensions()).extracting(Dimension::getName).containsExactly("protocol");
  }

  @Test
  void theClbsOwn502AfterARefusedTargetCountsAsTheClbsNotARealServers() {
    Dimension[] listener = {dimension("loadBalancerPort", "80"), dimension("protocol", "HTTP")};

    await()
        .atMost(Duration.ofSeconds(10))
        // three queries a poll stay under GetMonitorData's 20 calls a second
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(total("QCE/LB_PUBLIC", "ClbHttp5xx", listener)).isEqualTo(1);
              assertThat(total("QCE/LB_PUBLIC", "ClbHttp502", listener)).isEqualTo(1);
              assertThat(total("QCE/LB_PUBLIC", "Http5xx", listener)).isZero();
            });
  }

  private static Dimension[] rule(String domain) {
    return new Dimension[] {
      dimension("loadBalancerPort", "80"),
      dimension("protocol", "HTTP"),
      dimension("domain", domain),
      dimension("url", "/")
    };
  }

  private static long total(String namespace, String metric, Dimension... dimensions)
      throws Exception {
    DataPoint point = query(namespace, metric, dimensions).getDataPoints()[0];
    return Math.round(Arrays.stream(point.getValues()).mapToDouble(Float::doubleValue).sum());
  }

  private static GetMonitorDataResponse query(
      String namespace, String metric, Dimension... dimensions) throws Exception {
    Instance instance = new Instance();
    instance.setDimensions(dimensions);
    GetMonitorDataRequest req = new GetMonitorDataRequest();
    req.setNamespace(namespace);
    req.setMetricName(metric);
    req.setPeriod(60L);
    req.setInstances(new Instance[] {instance});
    return monitor.GetMonitorData(req);
  }

  private static Dimension dimension(String name, String value) {
    Dimension d = new Dimension();
    d.setName(name);
    d.setValue(value);
    return d;
  }
}
