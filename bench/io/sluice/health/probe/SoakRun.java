package io.sluice.health.probe;

import com.sun.management.UnixOperatingSystemMXBean;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One soak: {@code endpoints} healthy loopback targets probed over HTTP keep-alive at a 1 s
 * interval by the production {@link ProbeScheduler} and probers, wired as {@code HealthMonitor}
 * wires them, with every other setting at its default.
 *
 * <p>Phases: start the targets (other JVMs); start Vert.x and the scheduler; probe a few targets
 * for a few seconds so that the probe path's classes are loaded, then remove them; take the heap
 * baseline; add every target; warm up; measure; take the heap again. Heap is the sum of the heap
 * pools' usage after {@code System.gc()} (a full, compacting collection with G1), so it counts live
 * objects only; the difference over the baseline is everything the targets hold: specs, schedule
 * state, timers, the pool's endpoints and the keep-alive connections' Java objects. Netty's direct
 * buffers are off-heap and not in it.
 */
final class SoakRun {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final int CLASS_LOADING_TARGETS = 16;
  private static final Duration CLASS_LOADING_TIME = Duration.ofSeconds(3);
  private static final int SPARE_FILES = 500;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  record Settings(int endpoints, Duration warmUp, Duration measured) {}

  record Report(
      int endpoints,
      double seconds,
      SoakTally.Counts warmUp,
      SoakTally.Counts counts,
      double processCpuSeconds,
      double eventLoopCpuSeconds,
      double targetsCpuSeconds,
      long heapBytes,
      long openFiles,
      TargetShards.Served served) {

    double perThousandProbes(double cpuSeconds) {
      return cpuSeconds * 1000 / counts.results();
    }

    double heapBytesPerEndpoint() {
      return (double) heapBytes / endpoints;
    }
  }

  private final UnixOperatingSystemMXBean os =
      (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  Report run(Settings settings) throws Exception {
    int n = settings.endpoints();
    if (os.getMaxFileDescriptorCount() < n + SPARE_FILES) {
      throw new IllegalStateException(
          "the prober needs one open file per target: raise `ulimit -n` to at least "
              + (n + SPARE_FILES)
              + " (scripts/bench raises it where it may)");
    }
    try (TargetShards targets = new TargetShards(n + CLASS_LOADING_TARGETS)) {
      Vertx vertx = Vertx.vertx();
      try {
        Context context = vertx.getOrCreateContext();
        SoakTally tally = new SoakTally();
        List<TargetShards.Endpoint> endpoints = targets.endpoints();
        loadClasses(context, endpoints.subList(n, n + CLASS_LOADING_TARGETS));
        ProbeScheduler scheduler = scheduler(context, tally);
        long baseline = liveHeap();

        for (int i = 0; i < n; i++) {
          // one consumer for all, where production has a small lambda per target: a few bytes
          scheduler.add("target-" + i, spec(endpoints.get(i)), () -> false, tally::result);
        }
        watch("warm-up", settings.warmUp(), context, tally);
        SoakTally.Counts warmUp =
            onContext(
                context,
                () -> {
                  SoakTally.Counts sofar = tally.counts();
                  tally.reset();
                  return sofar;
                });
        long started = System.nanoTime();
        long processCpu = os.getProcessCpuTime();
        long loopCpu = eventLoopCpuNanos();
        Duration targetsCpu = targets.cpu();
        watch("measured", settings.measured(), context, tally);
        SoakTally.Counts counts = onContext(context, tally::counts);
        double seconds = (System.nanoTime() - started) / 1e9;
        double processCpuSeconds = (os.getProcessCpuTime() - processCpu) / 1e9;
        double loopCpuSeconds = (eventLoopCpuNanos() - loopCpu) / 1e9;
        double targetsCpuSeconds = targets.cpu().minus(targetsCpu).toNanos() / 1e9;
        long openFiles = openFiles();
        long heap = liveHeap() - baseline;

        scheduler.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        TargetShards.Served served = targets.stop();
        return new Report(
            n,
            seconds,
            warmUp,
            counts,
            processCpuSeconds,
            loopCpuSeconds,
            targetsCpuSeconds,
            heap,
            openFiles,
            served);
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Probes a few spare targets with a scheduler of their own, then closes it with its connections,
   * so that the baseline holds the probe path's classes but nothing of any target.
   */
  private static void loadClasses(Context context, List<TargetShards.Endpoint> spares)
      throws Exception {
    ProbeScheduler warm = scheduler(context, new SoakTally());
    for (int i = 0; i < spares.size(); i++) {
      warm.add("spare-" + i, spec(spares.get(i)), () -> false, result -> {});
    }
    Thread.sleep(CLASS_LOADING_TIME);
    warm.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The scheduler and probers as {@code HealthMonitor} builds them. */
  private static ProbeScheduler scheduler(Context context, SoakTally tally) {
    Vertx vertx = context.owner();
    return new ProbeScheduler(
        context,
        Runtime.getRuntime().availableProcessors(),
        Prober.byKind(
            new HttpProber(vertx, System::nanoTime), new TcpProber(vertx, System::nanoTime)),
        System::nanoTime,
        Clock.systemUTC(),
        new SplittableRandom(),
        tally::lag);
  }

  private static ProbeSpec spec(TargetShards.Endpoint endpoint) {
    return ProbeSpec.http(endpoint.host(), endpoint.port()).interval(INTERVAL).build();
  }

  /** Bytes of live objects: the heap pools' usage right after a full collection. */
  private static long liveHeap() {
    System.gc();
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  /** CPU of the prober's Vert.x event loops, where the scheduler, probers and connections run. */
  private long eventLoopCpuNanos() {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("vert.x-eventloop-thread")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /**
   * Waits out a phase, printing its counts every few seconds so that trouble shows as it starts.
   */
  private void watch(String phase, Duration length, Context context, SoakTally tally)
      throws Exception {
    long end = System.nanoTime() + length.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      Thread.sleep(Duration.ofNanos(Math.min(left, PROGRESS_EVERY.toNanos())));
      SoakTally.Counts sofar = onContext(context, tally::counts);
      System.out.printf(
          "  %s: %,d results, %,d Down, %,d Inconclusive, p99 lag %.1f ms, %,d open files %s%n",
          phase,
          sofar.results(),
          sofar.down(),
          sofar.inconclusive(),
          sofar.p99LagMillis(),
          openFiles(),
          sofar.failureCounts());
    }
  }

  /** Open files now, or -1 when there is no file left even to count them with. */
  private long openFiles() {
    try {
      return os.getOpenFileDescriptorCount();
    } catch (InternalError e) {
      return -1;
    }
  }

  private static <T> T onContext(Context context, Supplier<T> work) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> done.complete(work.get()));
    return done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
