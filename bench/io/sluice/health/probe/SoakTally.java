package io.sluice.health.probe;

import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts a soak's results by outcome and its schedule lags in a histogram. Confined to the
 * scheduler's event loop, like the callbacks that feed it; read it there too.
 *
 * <p>Why a fixed histogram rather than a list of samples: 10,000 targets for a minute are 600,000
 * lags, whose list would grow the heap that the soak is measuring. The buckets are allocated once,
 * before the heap baseline.
 */
final class SoakTally {
  private static final long BUCKET_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
  private static final int BUCKETS = 20_000; // 2 s; later lags go in the last bucket

  private final long[] lagBuckets = new long[BUCKETS + 1];
  // the first result of each kind of failure, with how many there were
  private final Map<String, String> firstFailures = new LinkedHashMap<>();
  private final Map<String, Long> failureCounts = new LinkedHashMap<>();
  private long lags;
  private long maxLagNanos;
  private long up;
  private long down;
  private long inconclusive;

  /** The counts so far, as one immutable value. */
  record Counts(
      long up,
      long down,
      long inconclusive,
      double p99LagMillis,
      double maxLagMillis,
      Map<String, Long> failureCounts,
      Map<String, String> firstFailures) {
    long results() {
      return up + down + inconclusive;
    }
  }

  void lag(long nanos) {
    lags++;
    maxLagNanos = Math.max(maxLagNanos, nanos);
    lagBuckets[(int) Math.min(BUCKETS, Math.max(0, nanos) / BUCKET_NANOS)]++;
  }

  void result(ProbeResult result) {
    switch (result.outcome()) {
      case ProbeOutcome.Up u -> up++;
      case ProbeOutcome.Down d -> {
        down++;
        keep("DOWN " + d.reason(), result);
      }
      case ProbeOutcome.Inconclusive i -> {
        inconclusive++;
        keep("INCONCLUSIVE " + i.cause(), result);
      }
    }
  }

  void reset() {
    Arrays.fill(lagBuckets, 0);
    firstFailures.clear();
    failureCounts.clear();
    lags = maxLagNanos = up = down = inconclusive = 0;
  }

  Counts counts() {
    return new Counts(
        up,
        down,
        inconclusive,
        p99LagNanos() / 1e6,
        maxLagNanos / 1e6,
        Map.copyOf(failureCounts),
        Map.copyOf(firstFailures));
  }

  /** The upper edge of the bucket holding the 99th percentile, so never an underestimate. */
  private long p99LagNanos() {
    long rank = (long) Math.ceil(lags * 0.99);
    long seen = 0;
    for (int i = 0; i <= BUCKETS; i++) {
      seen += lagBuckets[i];
      if (seen >= rank && seen > 0) {
        return (i + 1) * BUCKET_NANOS;
      }
    }
    return 0;
  }

  private void keep(String kind, ProbeResult result) {
    failureCounts.merge(kind, 1L, Long::sum);
    firstFailures.putIfAbsent(kind, result.describe());
  }
}
