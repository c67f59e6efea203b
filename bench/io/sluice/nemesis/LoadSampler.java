package io.sluice.nemesis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's one-minute load average ({@code /proc/loadavg}) sampled during a run: the
 * benchmarks share two cores with other work, and a figure means little without it.
 */
final class LoadSampler {
  private static final Path LOADAVG = Path.of("/proc/loadavg");
  private double sum;
  private double max;
  private int samples;

  void sample() {
    try {
      double now = Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
      sum += now;
      max = Math.max(max, now);
      samples++;
    } catch (IOException | RuntimeException e) {
      // not Linux, or unreadable: the report says so by its count
    }
  }

  @Override
  public String toString() {
    return samples == 0
        ? "unknown"
        : String.format(
            Locale.ROOT,
            "1-min load mean %.2f, max %.2f on %d cores",
            sum / samples,
            max,
            Runtime.getRuntime().availableProcessors());
  }
}
