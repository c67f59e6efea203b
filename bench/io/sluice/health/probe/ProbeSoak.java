package io.sluice.health.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Steady-state cost of active probing (issue 4): N healthy loopback HTTP targets probed at a 1 s
 * interval with keep-alive, measured over a window after a warm-up. Reports CPU seconds per 1,000
 * probes, heap per target and the p99 schedule lag, and counts every Down and Inconclusive. Goals
 * at 10,000 targets: under 0.05 CPU-s per 1,000 probes, under 4 KB of heap per target, no Down.
 *
 * <p>A soak with a {@code main}, not a JMH benchmark: the quantities are rates of a running system,
 * not the time of an operation. See {@link SoakRun} for the method.
 *
 * <p>Usage: {@code scripts/bench --main ProbeSoak [--warmup SECONDS] [--measure SECONDS] [N...]},
 * by default 20 s, 60 s, and 1,000 then 10,000 targets.
 */
public final class ProbeSoak {
  static final double CPU_GOAL_SECONDS_PER_1000 = 0.05;
  static final double HEAP_GOAL_BYTES_PER_TARGET = 4 * 1024;

  private ProbeSoak() {}

  public static void main(String[] args) throws Exception {
    Duration warmUp = Duration.ofSeconds(20);
    Duration measured = Duration.ofSeconds(60);
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmUp = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--measure" -> measured = Duration.ofSeconds(Long.parseLong(args[++i]));
        default -> counts.add(Integer.parseInt(args[i].replace(",", "").replace("_", "")));
      }
    }
    if (counts.isEmpty()) {
      counts = List.of(1_000, 10_000);
    }
    List<SoakRun.Report> reports = new ArrayList<>();
    for (int n : counts) {
      System.out.printf(
          "probing %,d loopback targets: %d s warm-up, %d s measured%n",
          n, warmUp.toSeconds(), measured.toSeconds());
      SoakRun.Report report = new SoakRun().run(new SoakRun.Settings(n, warmUp, measured));
      details(report);
      reports.add(report);
    }
    System.out.println();
    System.out.println(
        "| targets | probes/s | CPU-s per 1,000 probes | heap per target | p99 schedule lag"
            + " | Down (warm-up, measured) | Inconclusive (warm-up, measured) |");
    System.out.println("|---|---|---|---|---|---|---|");
    reports.forEach(ProbeSoak::row);
  }

  private static void details(SoakRun.Report r) {
    SoakTally.Counts c = r.counts();
    System.out.printf(
        Locale.ROOT,
        "  warm-up: %,d results, %,d Down, %,d Inconclusive%n"
            + "  measured: %,d results in %.1f s: %,d Up, %,d Down, %,d Inconclusive%n"
            + "  CPU per 1,000 probes: %.4f s process (goal < %.2f), %.4f s of it event loops;"
            + " targets' JVMs %.4f s%n"
            + "  heap: %,d B for %,d targets = %,.0f B per target (goal < %,.0f)%n"
            + "  schedule lag: p99 %.1f ms, max %.1f ms%n"
            + "  open files %,d; the targets accepted %,d connections and served %,d requests;"
            + " their loops ran up to %,d ms late%n",
        r.warmUp().results(),
        r.warmUp().down(),
        r.warmUp().inconclusive(),
        c.results(),
        r.seconds(),
        c.up(),
        c.down(),
        c.inconclusive(),
        r.perThousandProbes(r.processCpuSeconds()),
        CPU_GOAL_SECONDS_PER_1000,
        r.perThousandProbes(r.eventLoopCpuSeconds()),
        r.perThousandProbes(r.targetsCpuSeconds()),
        r.heapBytes(),
        r.endpoints(),
        r.heapBytesPerEndpoint(),
        HEAP_GOAL_BYTES_PER_TARGET,
        c.p99LagMillis(),
        c.maxLagMillis(),
        r.openFiles(),
        r.served().connections(),
        r.served().requests(),
        r.served().stallMillis());
    failures("warm-up", r.warmUp());
    failures("measured", c);
  }

  private static void failures(String phase, SoakTally.Counts counts) {
    counts
        .failureCounts()
        .forEach(
            (kind, count) ->
                System.out.printf(
                    "  %s: %,d x %s, the first: %s%n",
                    phase, count, kind, counts.firstFailures().get(kind)));
  }

  private static void row(SoakRun.Report r) {
    SoakTally.Counts c = r.counts();
    System.out.printf(
        Locale.ROOT,
        "| %,d | %,.0f | %.4f s | %,.0f B | %.1f ms | %,d, %,d | %,d, %,d |%n",
        r.endpoints(),
        c.results() / r.seconds(),
        r.perThousandProbes(r.processCpuSeconds()),
        r.heapBytesPerEndpoint(),
        c.p99LagMillis(),
        r.warmUp().down(),
        c.down(),
        r.warmUp().inconclusive(),
        c.inconclusive());
  }
}
