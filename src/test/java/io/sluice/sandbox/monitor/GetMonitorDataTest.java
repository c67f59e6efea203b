package io.sluice.sandbox.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.monitor.v20180724.models.DataPoint;
import com.tencentcloudapi.monitor.v20180724.models.GetMonitorDataResponse;
import io.sluice.sandbox.Requests;
import io.sluice.sandbox.SdkContract;
import io.sluice.testing.MutableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class GetMonitorDataTest {
  private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
  private final MutableClock clock = new MutableClock(T0.plusSeconds(600));
  private final TrafficStats stats = new TrafficStats();
  private final Requests api =
      new Requests(
          MonitorService.definition(stats, MonitorSettings.defaults(), clock),
          clock,
          "ap-guangzhou");

  GetMonitorDataTest() {
    for (int i = 0; i < 60; i++) {
      sample("10.0.0.11", i % 10 == 0 ? 502 : 200, 20, T0.plusSeconds(i));
    }
    sample("10.0.0.12", 200, 100, T0.plusSeconds(70));
    sample("", 502, 1, T0.plusSeconds(75)); // the data plane spells "CLB answered itself" as ""
    stats.record(
        "127.0.0.1",
        80,
        "HTTP",
        "api.example.com",
        "/v2",
        "10.0.0.11",
        8080,
        500,
        Duration.ofMillis(5),
        T0);
  }

  @Test
  void aggregatesARulesTrafficPerMinuteAndMatchesTheSdk() {
    GetMonitorDataResponse sdk =
        SdkContract.parse(
            query("QCE/LOADBALANCE", "HttpCode5XX", 60, ruleDims()), GetMonitorDataResponse.class);

    DataPoint point = sdk.getDataPoints()[0];
    assertThat(point.getTimestamps())
        .containsExactly(T0.getEpochSecond(), T0.getEpochSecond() + 60);
    assertThat(point.getValues()).containsExactly(6f, 0f);
    assertThat(point.getDimensions()[3].getValue()).isEqualTo("api.example.com");
    assertThat(sdk.getPeriod()).isEqualTo(60);
  }

  @Test
  void qpsAndResponseTimesOverFiveMinutes() {
    JsonObject qps = query("QCE/LOADBALANCE", "QPS", 300, ruleDims());
    JsonObject max = query("QCE/LOADBALANCE", "ResponseTimeMax", 300, ruleDims());
    JsonObject avg = query("QCE/LOADBALANCE", "ResponseTimeAverage", 60, ruleDims());

    assertThat(values(qps).getDouble(0)).isEqualTo(62 / 300.0);
    assertThat(values(max).getDouble(0)).isEqualTo(100.0);
    assertThat(values(avg).getDouble(0)).isEqualTo(20.0);
  }

  @Test
  void lbPublicSeparatesWhatClbReturnedFromWhatRealServersReturned() {
    JsonArray listener = dims("vip", "127.0.0.1", "loadBalancerPort", "80", "protocol", "HTTP");

    assertThat(values(query("QCE/LB_PUBLIC", "ClbHttp5xx", 300, listener)).getDouble(0))
        .isEqualTo(8.0);
    assertThat(values(query("QCE/LB_PUBLIC", "Http5xx", 300, listener)).getDouble(0))
        .isEqualTo(7.0);
    assertThat(values(query("QCE/LB_PUBLIC", "TotalReq", 300, listener)).getDouble(0))
        .isEqualTo(63.0);
    JsonArray realServer =
        dims("vip", "127.0.0.1", "loadBalancerPort", "80", "lanIp", "10.0.0.12", "port", "8080");
    assertThat(values(query("QCE/LB_PUBLIC", "RspAvg", 300, realServer)).getDouble(0))
        .isEqualTo(100.0);
  }

  @Test
  void theOpenPeriodIsNotReportedByDefault() {
    clock.advance(Duration.ofSeconds(-600 + 90));

    JsonObject answer = query("QCE/LOADBALANCE", "QPS", 60, ruleDims());

    assertThat(answer.getJsonArray("DataPoints").getJsonObject(0).getJsonArray("Timestamps"))
        .containsExactly(T0.getEpochSecond());
  }

  @Test
  void rejectsUnknownNamespacesMetricsPeriodsAndDimensions() {
    assertThat(api.error("GetMonitorData", request("QCE/CVM", "QPS", 60, ruleDims())))
        .isEqualTo("InvalidParameterValue");
    assertThat(api.error("GetMonitorData", request("QCE/LOADBALANCE", "TotalReq", 60, ruleDims())))
        .isEqualTo("InvalidParameterValue");
    assertThat(api.error("GetMonitorData", request("QCE/LOADBALANCE", "QPS", 10, ruleDims())))
        .isEqualTo("InvalidParameterValue");
    assertThat(
            api.error(
                "GetMonitorData", request("QCE/LOADBALANCE", "QPS", 60, dims("vipp", "127.0.0.1"))))
        .isEqualTo("InvalidParameterValue");
    assertThat(
            api.error(
                "GetMonitorData",
                request("QCE/LOADBALANCE", "QPS", 60, ruleDims()).put("StartTime", "yesterday")))
        .isEqualTo("InvalidParameterValue");
  }

  @Test
  void oldBucketsAndExtraSeriesAreDropped() {
    TrafficStats small = new TrafficStats(Duration.ofMinutes(5), 1);
    small.record("v", 80, "HTTP", "d", "/", "ip", 1, 200, Duration.ZERO, T0);
    small.record("v", 80, "HTTP", "d", "/", "ip", 1, 200, Duration.ZERO, T0.plusSeconds(600));
    small.record("v", 80, "HTTP", "d", "/", "ip2", 1, 200, Duration.ZERO, T0);

    assertThat(small.aggregate(k -> true, 0, Long.MAX_VALUE / 2, 60))
        .containsOnlyKeys(T0.getEpochSecond() + 600);
    assertThat(small.dropped()).isEqualTo(1);
  }

  private void sample(String targetIp, int status, int ms, Instant at) {
    stats.record(
        new TrafficSample(
            "127.0.0.1",
            80,
            "HTTP",
            "api.example.com",
            "/",
            targetIp,
            targetIp == null ? 0 : 8080,
            status,
            Duration.ofMillis(ms),
            at));
  }

  private JsonObject query(String namespace, String metric, int period, JsonArray dimensions) {
    return api.call("GetMonitorData", request(namespace, metric, period, dimensions));
  }

  private static JsonObject request(
      String namespace, String metric, int period, JsonArray dimensions) {
    return new JsonObject()
        .put("Namespace", namespace)
        .put("MetricName", metric)
        .put("Period", period)
        .put("StartTime", "2026-11-23T10:00:00+08:00")
        .put("EndTime", "2026-11-23T10:30:00+08:00")
        .put("Instances", new JsonArray().add(new JsonObject().put("Dimensions", dimensions)));
  }

  private static JsonArray values(JsonObject answer) {
    return answer.getJsonArray("DataPoints").getJsonObject(0).getJsonArray("Values");
  }

  private static JsonArray ruleDims() {
    return dims(
        "vip",
        "127.0.0.1",
        "loadBalancerPort",
        "80",
        "protocol",
        "http",
        "domain",
        "api.example.com",
        "url",
        "/");
  }

  private static JsonArray dims(String... nameValues) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < nameValues.length; i += 2) {
      out.add(new JsonObject().put("Name", nameValues[i]).put("Value", nameValues[i + 1]));
    }
    return out;
  }
}
