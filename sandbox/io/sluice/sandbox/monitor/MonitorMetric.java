package io.sluice.sandbox.monitor;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;

/**
 * The CLB metrics the sandbox serves. Names follow the reference (section 6.2), which notes that
 * Tencent's doc versions disagree (UNCONFIRMED): {@code QCE/LOADBALANCE} per rule uses the zh doc's
 * {@code QPS}, {@code HttpCode2XX}...; {@code QCE/LB_PUBLIC} per listener or real server uses the
 * older intl list ({@code TotalReq}, {@code ClbHttp5xx}, {@code Http5xx}, {@code RspAvg}...). Units
 * (UNCONFIRMED): QPS is requests per second averaged over the period; counts are per period; times
 * are milliseconds. {@code ClbHttp*} count what CLB returned (including its own 502s with no
 * target); {@code Http*} and {@code HttpCode*} count what real servers returned.
 */
enum MonitorMetric {
  LB_QPS(Namespace.LOADBALANCE, "QPS", (b, period) -> (double) b.count() / period),
  LB_2XX(Namespace.LOADBALANCE, "HttpCode2XX", (b, p) -> b.backendCount(s -> s / 100 == 2)),
  LB_3XX(Namespace.LOADBALANCE, "HttpCode3XX", (b, p) -> b.backendCount(s -> s / 100 == 3)),
  LB_4XX(Namespace.LOADBALANCE, "HttpCode4XX", (b, p) -> b.backendCount(s -> s / 100 == 4)),
  LB_5XX(Namespace.LOADBALANCE, "HttpCode5XX", (b, p) -> b.backendCount(s -> s / 100 == 5)),
  LB_404(Namespace.LOADBALANCE, "HttpCode404", (b, p) -> b.backendCount(s -> s == 404)),
  LB_502(Namespace.LOADBALANCE, "HttpCode502", (b, p) -> b.backendCount(s -> s == 502)),
  LB_RT_AVG(Namespace.LOADBALANCE, "ResponseTimeAverage", (b, p) -> b.averageMs()),
  LB_RT_MAX(Namespace.LOADBALANCE, "ResponseTimeMax", (b, p) -> b.maxMs()),
  PUB_TOTAL(Namespace.LB_PUBLIC, "TotalReq", (b, p) -> b.count()),
  PUB_CLB_5XX(Namespace.LB_PUBLIC, "ClbHttp5xx", (b, p) -> b.clbCount(s -> s / 100 == 5)),
  PUB_CLB_4XX(Namespace.LB_PUBLIC, "ClbHttp4xx", (b, p) -> b.clbCount(s -> s / 100 == 4)),
  PUB_CLB_502(Namespace.LB_PUBLIC, "ClbHttp502", (b, p) -> b.clbCount(s -> s == 502)),
  PUB_2XX(Namespace.LB_PUBLIC, "Http2xx", (b, p) -> b.backendCount(s -> s / 100 == 2)),
  PUB_4XX(Namespace.LB_PUBLIC, "Http4xx", (b, p) -> b.backendCount(s -> s / 100 == 4)),
  PUB_5XX(Namespace.LB_PUBLIC, "Http5xx", (b, p) -> b.backendCount(s -> s / 100 == 5)),
  PUB_502(Namespace.LB_PUBLIC, "Http502", (b, p) -> b.backendCount(s -> s == 502)),
  PUB_RSP_AVG(Namespace.LB_PUBLIC, "RspAvg", (b, p) -> b.averageMs()),
  PUB_RSP_MAX(Namespace.LB_PUBLIC, "RspMax", (b, p) -> b.maxMs());

  private final Namespace namespace;
  private final String wireName;
  private final ToDoubleBiFunction<TrafficBucket, Long> value;

  MonitorMetric(
      Namespace namespace, String wireName, ToDoubleBiFunction<TrafficBucket, Long> value) {
    this.namespace = namespace;
    this.wireName = wireName;
    this.value = value;
  }

  static Optional<MonitorMetric> find(Namespace namespace, String name) {
    return Arrays.stream(values())
        .filter(m -> m.namespace == namespace && m.wireName.equals(name))
        .findFirst();
  }

  double value(TrafficBucket bucket, long periodSeconds) {
    return value.applyAsDouble(bucket, periodSeconds);
  }
}
