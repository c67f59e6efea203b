package io.sluice.sandbox.monitor;

import io.sluice.sandbox.api.ApiAction;
import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.Params;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NavigableMap;

/**
 * {@code GetMonitorData}: one metric for up to {@link MonitorSettings#maxInstances()} dimension
 * sets. Each instance gets one data point series whose {@code Timestamps} (unix seconds, period
 * starts) and {@code Values} are aligned; periods without traffic are absent, as in Cloud Monitor.
 * Period 60 or 300 (default 300); {@code EndTime} defaults to now and {@code StartTime} to one hour
 * before it (UNCONFIRMED). An unknown namespace, metric or period is {@code InvalidParameterValue}
 * (sandbox decision).
 */
final class GetMonitorData implements ApiAction {
  private static final List<Long> PERIODS = List.of(60L, 300L);
  private static final DateTimeFormatter WIRE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private final TrafficStats stats;
  private final MonitorSettings settings;
  private final Clock clock;

  GetMonitorData(TrafficStats stats, MonitorSettings settings, Clock clock) {
    this.stats = stats;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public JsonObject handle(ApiRequest req) {
    Params p = req.params();
    String nsName = p.requireString("Namespace");
    Namespace ns =
        Namespace.find(nsName)
            .orElseThrow(() -> invalid("Namespace " + nsName + " is not supported."));
    String metricName = p.requireString("MetricName");
    MonitorMetric metric =
        MonitorMetric.find(ns, metricName)
            .orElseThrow(() -> invalid("MetricName " + metricName + " is not in " + nsName + "."));
    long period = p.optLong("Period").orElse(300L);
    if (!PERIODS.contains(period)) {
      throw invalid("Period must be 60 or 300, got " + period + ".");
    }
    OffsetDateTime end =
        p.optString("EndTime")
            .map(GetMonitorData::time)
            .orElse(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)));
    OffsetDateTime start =
        p.optString("StartTime").map(GetMonitorData::time).orElse(end.minusHours(1));
    if (end.isBefore(start)) {
      throw invalid("EndTime must not be before StartTime.");
    }
    if ((end.toEpochSecond() - start.toEpochSecond()) / period > settings.maxPoints()) {
      throw invalid("At most " + settings.maxPoints() + " data points per instance.");
    }
    p.requireArray("Instances");
    List<Params> instances = p.objects("Instances");
    if (instances.size() > settings.maxInstances()) {
      throw new ApiException(
          "LimitExceeded", "At most " + settings.maxInstances() + " instances per request.");
    }
    long lastStart = lastReportablePeriodStart(end.toEpochSecond(), period);
    JsonArray points = new JsonArray();
    for (Params instance : instances) {
      points.add(
          dataPoint(
              ns,
              metric,
              instance.objects("Dimensions"),
              start.toEpochSecond(),
              lastStart,
              period));
    }
    return new JsonObject()
        .put("Period", period)
        .put("MetricName", metricName)
        .put("DataPoints", points)
        .put("StartTime", WIRE_TIME.format(start))
        .put("EndTime", WIRE_TIME.format(end))
        .put("Msg", "");
  }

  private long lastReportablePeriodStart(long end, long period) {
    long now = clock.instant().getEpochSecond();
    long openStart = Math.floorDiv(now, period) * period;
    long last = settings.publishOpenPeriod() ? openStart : openStart - period;
    return Math.min(end, last);
  }

  private JsonObject dataPoint(
      Namespace ns, MonitorMetric metric, List<Params> dims, long from, long to, long period) {
    JsonArray dimensions = new JsonArray();
    for (Params d : dims) {
      dimensions.add(
          new JsonObject()
              .put("Name", d.requireString("Name"))
              .put("Value", d.requireString("Value")));
    }
    NavigableMap<Long, TrafficBucket> buckets =
        stats.aggregate(
            key ->
                dims.stream()
                    .allMatch(
                        d -> ns.matches(key, d.requireString("Name"), d.requireString("Value"))),
            from,
            to,
            period);
    JsonArray timestamps = new JsonArray();
    JsonArray values = new JsonArray();
    buckets.forEach(
        (t, b) -> {
          timestamps.add(t);
          values.add(metric.value(b, period));
        });
    return new JsonObject()
        .put("Dimensions", dimensions)
        .put("Timestamps", timestamps)
        .put("Values", values);
  }

  private static OffsetDateTime time(String iso) {
    try {
      return OffsetDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      throw invalid(
          "Time " + iso + " is not ISO-8601 with an offset, e.g. 2019-03-24T10:51:23+08:00.");
    }
  }

  private static ApiException invalid(String message) {
    return new ApiException("InvalidParameterValue", message);
  }
}
