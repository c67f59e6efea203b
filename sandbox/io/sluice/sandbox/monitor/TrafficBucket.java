package io.sluice.sandbox.monitor;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The aggregate of the exchanges of one series in one minute (or, merged, one query period): status
 * counts as CLB returned them and as real servers returned them, and response times.
 */
final class TrafficBucket {
  private final Map<Integer, Long> clbStatus = new HashMap<>();
  private final Map<Integer, Long> backendStatus = new HashMap<>();
  private long count;
  private double sumMs;
  private double maxMs;

  void add(TrafficSample s) {
    double ms = s.responseTime().toNanos() / 1_000_000.0;
    count++;
    sumMs += ms;
    maxMs = Math.max(maxMs, ms);
    clbStatus.merge(s.status(), 1L, Long::sum);
    if (s.fromBackend()) {
      backendStatus.merge(s.status(), 1L, Long::sum);
    }
  }

  void merge(TrafficBucket other) {
    count += other.count;
    sumMs += other.sumMs;
    maxMs = Math.max(maxMs, other.maxMs);
    other.clbStatus.forEach((k, v) -> clbStatus.merge(k, v, Long::sum));
    other.backendStatus.forEach((k, v) -> backendStatus.merge(k, v, Long::sum));
  }

  long count() {
    return count;
  }

  double averageMs() {
    return count == 0 ? 0 : sumMs / count;
  }

  double maxMs() {
    return maxMs;
  }

  long clbCount(IntPredicate status) {
    return sum(clbStatus, status);
  }

  long backendCount(IntPredicate status) {
    return sum(backendStatus, status);
  }

  private static long sum(Map<Integer, Long> counts, IntPredicate status) {
    return counts.entrySet().stream()
        .filter(e -> status.test(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
