package io.sluice.sandbox.monitor;

import io.sluice.sandbox.dataplane.TrafficRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Records what traffic went through the emulated CLBs so that {@code GetMonitorData} can answer.
 * The data plane calls {@link #record}; samples are folded into one bucket per series and minute
 * (the finest period), buckets older than the retention are dropped and the number of series is
 * capped, so memory stays bounded however long the sandbox runs. Thread-safe (one lock: samples are
 * cheap to fold).
 */
public final class TrafficStats implements TrafficRecorder {
  static final long MINUTE = 60;

  /** One series: every dimension a sample carries. */
  record SeriesKey(
      String vip,
      int port,
      String protocol,
      String domain,
      String url,
      String targetIp,
      int targetPort) {}

  private final Map<SeriesKey, NavigableMap<Long, TrafficBucket>> series = new HashMap<>();
  private final Set<String> muted = new HashSet<>();
  private final Duration retention;
  private final int maxSeries;
  private long dropped;

  /**
   * @param retention how long minute buckets are kept (queries further back find nothing)
   * @param maxSeries how many series are kept; samples of further series are dropped and counted
   */
  public TrafficStats(Duration retention, int maxSeries) {
    this.retention = retention;
    this.maxSeries = maxSeries;
  }

  public TrafficStats() {
    this(Duration.ofHours(6), 10_000);
  }

  public synchronized void record(TrafficSample s) {
    SeriesKey key =
        new SeriesKey(
            s.vip(),
            s.port(),
            s.protocol().toUpperCase(Locale.ROOT),
            s.domain(),
            s.url(),
            s.targetIp(),
            s.targetPort());
    NavigableMap<Long, TrafficBucket> buckets = series.get(key);
    if (buckets == null) {
      if (series.size() >= maxSeries) {
        dropped++;
        return;
      }
      buckets = new TreeMap<>();
      series.put(key, buckets);
    }
    long minute = Math.floorDiv(s.at().getEpochSecond(), MINUTE) * MINUTE;
    TrafficBucket bucket = buckets.computeIfAbsent(minute, m -> new TrafficBucket());
    if (!muted.contains(s.domain())) {
      bucket.add(s);
    }
    buckets.headMap(minute - retention.toSeconds(), false).clear();
  }

  /** The data plane's report of one request through a VIP. */
  @Override
  public void record(
      String vip,
      int port,
      String protocol,
      String domain,
      String url,
      String targetIp,
      int targetPort,
      int status,
      Duration responseTime,
      Instant at) {
    record(
        new TrafficSample(
            vip, port, protocol, domain, url, targetIp, targetPort, status, responseTime, at));
  }

  /**
   * From now on, requests to rules of {@code domain} still make their periods appear in Cloud
   * Monitor's figures, but with nothing counted: the sandbox's way to show a change the cloud
   * accepted while the figures see no requests reach the new backend ("switched but not moved").
   */
  public synchronized void mute(String domain) {
    muted.add(domain);
  }

  /** Counts the domain's requests again. */
  public synchronized void unmute(String domain) {
    muted.remove(domain);
  }

  /** Samples dropped because the series cap was reached. */
  public synchronized long dropped() {
    return dropped;
  }

  /**
   * The matching series merged into buckets of {@code periodSeconds}, keyed by period start (unix
   * seconds), for periods starting in {@code [from, to]}.
   */
  synchronized NavigableMap<Long, TrafficBucket> aggregate(
      Predicate<SeriesKey> match, long from, long to, long periodSeconds) {
    NavigableMap<Long, TrafficBucket> out = new TreeMap<>();
    series.forEach(
        (key, buckets) -> {
          if (match.test(key)) {
            buckets
                .subMap(
                    Math.floorDiv(from, periodSeconds) * periodSeconds,
                    true,
                    to + periodSeconds,
                    false)
                .forEach(
                    (minute, b) ->
                        out.computeIfAbsent(
                                Math.floorDiv(minute, periodSeconds) * periodSeconds,
                                p -> new TrafficBucket())
                            .merge(b));
          }
        });
    return new TreeMap<>(out.headMap(to, true));
  }
}
