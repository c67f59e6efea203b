package io.sluice.health.monitor;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What one probe result costs the deciding context, measured by the feeding thread's own CPU time
 * and allocation (ThreadMXBean), which other processes on a loaded machine disturb far less than
 * the wall time JMH measures: at 10, 100 and 1,000 services, steady and flapping ({@link
 * ResultFeed}). Each case warms up for a few seconds, then is measured for a few seconds (and at
 * least a few results).
 *
 * <pre>
 * scripts/bench --main HealthResultsCost [services...] [--no-up-first]
 * </pre>
 */
public final class HealthResultsCost {
  private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int MIN_RESULTS = 3;

  private HealthResultsCost() {}

  public static void main(String[] args) throws Exception {
    boolean upFirst = !List.of(args).contains("--no-up-first");
    List<Integer> sizes =
        List.of(args).stream().filter(a -> !a.startsWith("--")).map(Integer::valueOf).toList();
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    System.out.println("services  results   CPU ns/result  bytes/result  judgements/result");
    for (int services : sizes.isEmpty() ? List.of(10, 100, 1000) : sizes) {
      for (String results : List.of("steady", "flapping")) {
        try (ResultFeed feed = new ResultFeed(services, results, upFirst)) {
          run(feed, WARM_UP_NANOS, threads);
          long judged = feed.judgements();
          long cpu = threads.getCurrentThreadCpuTime();
          long bytes = threads.getCurrentThreadAllocatedBytes();
          long count = run(feed, MEASURE_NANOS, threads);
          cpu = threads.getCurrentThreadCpuTime() - cpu;
          bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
          System.out.printf(
              Locale.ROOT,
              "%8d  %-8s  %13.0f  %12.0f  %17.2f%n",
              services,
              results,
              cpu / (double) count,
              bytes / (double) count,
              (feed.judgements() - judged) / (double) count);
        }
      }
    }
  }

  /**
   * Feeds results for {@code cpuNanos} of this thread's CPU time, and at least a few; the clock is
   * read once per batch, and batches grow while they take under a millisecond, so that reading it
   * costs the results nothing to speak of, however cheap or dear they are.
   */
  private static long run(ResultFeed feed, long cpuNanos, ThreadMXBean threads) {
    long start = threads.getCurrentThreadCpuTime();
    long count = 0;
    int batch = 1;
    while (true) {
      long before = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < batch; i++) {
        feed.oneResult();
      }
      count += batch;
      long after = threads.getCurrentThreadCpuTime();
      if (count >= MIN_RESULTS && after - start >= cpuNanos) {
        return count;
      }
      if (after - before < TimeUnit.MILLISECONDS.toNanos(1)) {
        batch *= 2;
      }
    }
  }
}
