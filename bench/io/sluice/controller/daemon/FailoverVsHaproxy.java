package io.sluice.controller.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Failover time, Sluice against HAProxy in front of the same kind of backends (issue 13): from
 * stopping shop's two CVM instances to the first request the function serves through the same front
 * door (the CLB VIP for Sluice, HAProxy's frontend for HAProxy), and the requests that failed
 * meanwhile. Both check every 1 s with fall 3, with and without a 200 ms fast interval. The four
 * variants run interleaved, one of each per round, so that the machine's load falls on all alike.
 *
 * <p>Usage: {@code scripts/bench --main FailoverVsHaproxy [--runs N] [--task MS]}: N rounds (8),
 * the sandbox's CLB tasks taking MS (0; the sandbox's default is 300).
 */
public final class FailoverVsHaproxy {
  static final Duration FAST = Duration.ofMillis(200);

  /** One way to fail over, measured. */
  record Variant(String name, Measure measure) {}

  @FunctionalInterface
  interface Measure {
    Outcome run(Path dir) throws Exception;
  }

  /** One run: stop to the first SCF answer, and the requests that failed in between. */
  record Outcome(Duration total, int failed) {}

  private FailoverVsHaproxy() {}

  public static void main(String[] args) throws Exception {
    int runs = 8;
    Duration task = Duration.ZERO;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--task" -> task = Duration.ofMillis(Long.parseLong(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Map<String, List<Outcome>> results = measure(variants(task), runs);
    System.out.println();
    System.out.print(table(results, task));
  }

  static List<Variant> variants(Duration task) {
    return List.of(
        new Variant("haproxy inter 1s fall 3", dir -> haproxy(Optional.empty(), dir)),
        new Variant("sluice interval 1s fall 3", dir -> sluice(task, Optional.empty(), dir)),
        new Variant(
            "haproxy inter 1s fall 3 fastinter 200ms", dir -> haproxy(Optional.of(FAST), dir)),
        new Variant(
            "sluice interval 1s fall 3 fastInterval 200ms",
            dir -> sluice(task, Optional.of(FAST), dir)));
  }

  /** {@code runs} rounds of every variant, interleaved, after one warm-up round not counted. */
  static Map<String, List<Outcome>> measure(List<Variant> variants, int runs) throws Exception {
    Map<String, List<Outcome>> results = new LinkedHashMap<>();
    for (int round = 0; round <= runs; round++) {
      for (Variant variant : variants) {
        Path dir = Files.createTempDirectory("sluice-vs-haproxy");
        Outcome outcome = variant.measure().run(dir);
        System.out.printf(
            Locale.ROOT,
            "%s %d: %s: %d ms, %d failed requests%n",
            round == 0 ? "warm-up" : "run",
            round,
            variant.name(),
            outcome.total().toMillis(),
            outcome.failed());
        if (round > 0) {
          results.computeIfAbsent(variant.name(), k -> new ArrayList<>()).add(outcome);
        }
      }
    }
    return results;
  }

  private static Outcome haproxy(Optional<Duration> fastinter, Path dir) throws Exception {
    HaproxyRun.Result result = HaproxyRun.run(fastinter, dir);
    return new Outcome(result.total(), result.failed());
  }

  private static Outcome sluice(Duration task, Optional<Duration> fast, Path dir) throws Exception {
    FailoverRun.Times times = FailoverRun.run(task, fast, dir);
    return new Outcome(times.total(), times.failed());
  }

  static String table(Map<String, List<Outcome>> results, Duration task) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| variant (sandbox CLB tasks "
            + task.toMillis()
            + " ms) | runs | median ms | min ms | max ms | failed requests, median |\n"
            + "|---|---|---|---|---|---|\n");
    results.forEach(
        (name, outcomes) -> {
          double[] ms =
              outcomes.stream().mapToDouble(o -> o.total().toNanos() / 1e6).sorted().toArray();
          double[] failed = outcomes.stream().mapToDouble(Outcome::failed).sorted().toArray();
          table.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %.0f | %.0f | %.0f | %.0f |%n",
                  name,
                  ms.length,
                  median(ms),
                  ms[0],
                  ms[ms.length - 1],
                  median(failed)));
        });
    List<String> names = List.copyOf(results.keySet());
    for (int i = 0; i + 1 < names.size(); i += 2) {
      table.append(
          String.format(
              Locale.ROOT,
              "%nsluice / haproxy, median: %.2f (%s against %s)",
              median(results.get(names.get(i + 1))) / median(results.get(names.get(i))),
              names.get(i + 1),
              names.get(i)));
    }
    return table.append('\n').toString();
  }

  static double median(List<Outcome> outcomes) {
    return median(outcomes.stream().mapToDouble(o -> o.total().toNanos() / 1e6).sorted().toArray());
  }

  /** The middle value, or the mean of the two middle ones. */
  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
