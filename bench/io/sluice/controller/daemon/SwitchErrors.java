package io.sluice.controller.daemon;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Requests that fail across a planned switch (issue 13): clb-rule with and without mixed rule
 * targets, and dns-weight; see {@link SwitchRun}. One warm-up run per setting is not counted.
 *
 * <p>Usage: {@code scripts/bench --main SwitchErrors [--runs N] [--task MS]}: N runs (5) per
 * setting, CLB tasks taking MS (300, the sandbox's default).
 */
public final class SwitchErrors {
  private SwitchErrors() {}

  public static void main(String[] args) throws Exception {
    int runs = 5;
    Duration task = Duration.ofMillis(300);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--task" -> task = Duration.ofMillis(Long.parseLong(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    StringBuilder table =
        new StringBuilder(
            "| switch (CLB tasks "
                + task.toMillis()
                + " ms) | runs | failed to SCF (median, max) | failed back (median, max) | unrouted"
                + " ms per switch (median, max) |\n|---|---|---|---|---|\n");
    for (SwitchRun.Kind kind : SwitchRun.Kind.values()) {
      List<SwitchRun.Result> results = new ArrayList<>();
      for (int n = 0; n <= runs; n++) {
        SwitchRun.Result r =
            SwitchRun.run(task, kind, Files.createTempDirectory("sluice-switch-bench"));
        System.out.printf(
            Locale.ROOT,
            "%s %s: %d failed to SCF, %d failed back, unrouted %d ms in all%n",
            n == 0 ? "warm-up" : "run " + n,
            kind,
            r.failedToScf(),
            r.failedBack(),
            r.unrouted().toMillis());
        if (n > 0) {
          results.add(r);
        }
      }
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s |%n",
              switch (kind) {
                case CLB_ONE_KIND -> "clb-rule, one kind of target at a time";
                case CLB_MIXED -> "clb-rule, mixed targets (make before break)";
                case DNS_WEIGHT -> "dns-weight (the client resolves before each request)";
              },
              runs,
              medianMax(results.stream().mapToDouble(SwitchRun.Result::failedToScf).toArray()),
              medianMax(results.stream().mapToDouble(SwitchRun.Result::failedBack).toArray()),
              medianMax(
                  results.stream().mapToDouble(r -> r.unrouted().toNanos() / 2e6).toArray())));
    }
    System.out.println();
    System.out.print(table);
  }

  private static String medianMax(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return String.format(
        Locale.ROOT, "%.0f, %.0f", FailoverVsHaproxy.median(sorted), sorted[sorted.length - 1]);
  }
}
