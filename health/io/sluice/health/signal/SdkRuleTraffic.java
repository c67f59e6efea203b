package io.sluice.health.signal;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DescribeListenersRequest;
import com.tencentcloudapi.clb.v20180317.models.Listener;
import com.tencentcloudapi.clb.v20180317.models.RuleOutput;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.monitor.v20180724.MonitorClient;
import com.tencentcloudapi.monitor.v20180724.models.DataPoint;
import com.tencentcloudapi.monitor.v20180724.models.Dimension;
import com.tencentcloudapi.monitor.v20180724.models.GetMonitorDataRequest;
import com.tencentcloudapi.monitor.v20180724.models.GetMonitorDataResponse;
import com.tencentcloudapi.monitor.v20180724.models.Instance;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.ClbRule;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RuleTraffic} through the SDK: the rule's listener port, protocol, domain and url come from
 * DescribeListeners (once per rule, then cached, since Cloud Monitor addresses a rule by them, not
 * by its id), then three GetMonitorData calls read {@code QPS}, {@code HttpCode5XX} and {@code
 * ResponseTimeAverage} of the last few periods, and the latest period that reports QPS wins.
 */
public final class SdkRuleTraffic implements RuleTraffic {
  static final String NAMESPACE = "QCE/LOADBALANCE";
  static final String NO_DATA = "Sluice.NoMonitorData";
  private static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  // Cloud Monitor's API speaks Beijing time; any offset is valid, this one reads naturally in logs
  private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
  private static final int PERIODS_ASKED = 3;

  private final ClbClient clb;
  private final MonitorClient monitor;
  private final ActionGuard listeners;
  private final ActionGuard data;
  private final Clock clock;
  private final Map<ClbRule, RuleAddress> addresses = new ConcurrentHashMap<>();

  public SdkRuleTraffic(CloudClients clients, CloudGuards guards, Clock clock) {
    this.clb = clients.clb();
    this.monitor = clients.monitor();
    this.listeners = guards.guard(CloudAction.DESCRIBE_LISTENERS);
    this.data = guards.guard(CloudAction.GET_MONITOR_DATA);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A rule as Cloud Monitor's dimensions name it. */
  record RuleAddress(long port, String protocol, String domain, String url) {}

  @Override
  public Future<RuleLoad> read(Query query) {
    Objects.requireNonNull(query, "query");
    return address(query.rule())
        .compose(
            address -> {
              Future<NavigableMap<Long, Float>> qps = series(query, address, "QPS");
              Future<NavigableMap<Long, Float>> errors = series(query, address, "HttpCode5XX");
              Future<NavigableMap<Long, Float>> latency =
                  series(query, address, "ResponseTimeAverage");
              return Future.all(qps, errors, latency)
                  .compose(all -> latest(query, qps.result(), errors.result(), latency.result()));
            });
  }

  private Future<RuleLoad> latest(
      Query query,
      NavigableMap<Long, Float> qps,
      NavigableMap<Long, Float> errors,
      NavigableMap<Long, Float> latency) {
    if (qps.isEmpty()) {
      return Future.failedFuture(
          new TencentCloudSDKException(
              "Cloud Monitor has no QPS point yet for " + query.rule(), "", NO_DATA));
    }
    // The series arrive separately: the latest period with both a request and an error figure,
    // so that a 5xx point not published yet never reads as zero errors.
    Long at = null;
    for (Long candidate : qps.descendingKeySet()) {
      if (errors.containsKey(candidate)) {
        at = candidate;
        break;
      }
    }
    if (at == null) {
      return Future.failedFuture(
          new TencentCloudSDKException(
              "Cloud Monitor has no period with both QPS and HttpCode5XX yet for " + query.rule(),
              "",
              NO_DATA));
    }
    long seconds = query.period().toSeconds();
    Float fiveXx = errors.get(at);
    Float average = latency.get(at);
    return Future.succeededFuture(
        new RuleLoad(
            Instant.ofEpochSecond(at),
            query.period(),
            qps.get(at) * (double) seconds,
            fiveXx,
            average == null ? OptionalDouble.empty() : OptionalDouble.of(average)));
  }

  private Future<RuleAddress> address(ClbRule rule) {
    RuleAddress known = addresses.get(rule);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return listeners.call(() -> describe(rule)).onSuccess(address -> addresses.put(rule, address));
  }

  private RuleAddress describe(ClbRule rule) throws TencentCloudSDKException {
    DescribeListenersRequest request = new DescribeListenersRequest();
    request.setLoadBalancerId(rule.loadBalancerId());
    request.setListenerIds(new String[] {rule.listenerId()});
    Listener[] answer = clb.DescribeListeners(request).getListeners();
    for (Listener listener : answer == null ? new Listener[0] : answer) {
      if (!rule.listenerId().equals(listener.getListenerId()) || listener.getRules() == null) {
        continue;
      }
      for (RuleOutput candidate : listener.getRules()) {
        if (rule.is(candidate.getLocationId(), candidate.getDomain(), candidate.getUrl())) {
          return new RuleAddress(
              listener.getPort() == null ? 0 : listener.getPort(),
              String.valueOf(listener.getProtocol()),
              candidate.getDomain(),
              candidate.getUrl());
        }
      }
    }
    throw new TencentCloudSDKException(
        "rule " + rule + " not in the DescribeListeners answer", "", "Sluice.RuleNotInAnswer");
  }

  private Future<NavigableMap<Long, Float>> series(
      Query query, RuleAddress address, String metric) {
    return data.call(() -> points(query, address, metric));
  }

  private NavigableMap<Long, Float> points(Query query, RuleAddress address, String metric)
      throws TencentCloudSDKException {
    OffsetDateTime end = OffsetDateTime.ofInstant(clock.instant(), BEIJING);
    GetMonitorDataRequest request = new GetMonitorDataRequest();
    request.setNamespace(NAMESPACE);
    request.setMetricName(metric);
    request.setPeriod(query.period().toSeconds());
    request.setStartTime(WIRE_TIME.format(end.minus(query.period().multipliedBy(PERIODS_ASKED))));
    request.setEndTime(WIRE_TIME.format(end));
    Instance instance = new Instance();
    instance.setDimensions(
        new Dimension[] {
          dimension("vip", query.vip()),
          dimension("loadBalancerPort", String.valueOf(address.port())),
          dimension("protocol", address.protocol()),
          dimension("domain", address.domain()),
          dimension("url", address.url())
        });
    request.setInstances(new Instance[] {instance});
    GetMonitorDataResponse response = monitor.GetMonitorData(request);
    NavigableMap<Long, Float> points = new TreeMap<>();
    DataPoint[] answer = response.getDataPoints();
    for (DataPoint point : answer == null ? new DataPoint[0] : answer) {
      Long[] times = point.getTimestamps();
      Float[] values = point.getValues();
      if (times == null || values == null || times.length != values.length) {
        throw new TencentCloudSDKException(
            metric + " answer has Timestamps and Values that do not line up",
            response.getRequestId(),
            "Sluice.MalformedAnswer");
      }
      for (int i = 0; i < times.length; i++) {
        if (times[i] != null && values[i] != null) {
          points.put(times[i], values[i]);
        }
      }
    }
    return points;
  }

  private static Dimension dimension(String name, String value) {
    Dimension dimension = new Dimension();
    dimension.setName(name);
    dimension.setValue(value);
    return dimension;
  }
}
