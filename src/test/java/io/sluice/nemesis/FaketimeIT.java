package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process on a {@link Faketime} clock sees the offset the test sets, and sees it change while it
 * runs the next time it reads the clock: what the clock-jump nemesis does to a replica. Checked
 * with {@code date}, which reads the wall clock the way the JVM does (clock_gettime).
 */
final class FaketimeIT {
  private final Path dir =
      Path.of("target", "nemesis-it", String.valueOf(ProcessHandle.current().pid()));

  @Test
  void aJumpMovesTheWallClockOfTheProcessesOnIt() throws Exception {
    Faketime clock = Faketime.require(dir.resolve("faketime-offset"));

    long before = secondsSeen(clock);
    clock.jumpTo(Duration.ofHours(1));
    long after = secondsSeen(clock);
    clock.jumpTo(Duration.ofMinutes(-10));
    long back = secondsSeen(clock);

    long now = Instant.now().getEpochSecond();
    assertThat(before).isBetween(now - 60, now + 1);
    assertThat(after).isBetween(now + 3600 - 60, now + 3600 + 1);
    assertThat(back).isBetween(now - 600 - 60, now - 600 + 1);
  }

  /**
   * In a JVM on the clock, a timed wait lasts as long as it asked before and after a jump: with
   * libfaketime 0.9.10's defaults every timed park returned at once and the JVM spun.
   */
  @Test
  void aJvmOnTheClockWaitsAsLongAsItAsksAcrossAJump() throws Exception {
    Faketime clock = Faketime.require(dir.resolve("faketime-jvm-offset"));
    Path source = dir.resolve("Waits.java");
    Files.writeString(source, WAITS);
    ProcessBuilder java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString())
            .redirectErrorStream(true);
    java.environment().putAll(clock.environment());
    Process process = java.start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      List<String> before = lines(out, 2);
      clock.jumpTo(Duration.ofMinutes(10));
      List<String> after = lines(out, 4);
      long now = Instant.now().getEpochSecond();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits").isTrue();

      for (String line : concat(before, after)) {
        long waited = Long.parseLong(line.split(" ")[1]);
        assertThat(waited).as("a 200 ms wait lasted (ms): " + line).isGreaterThanOrEqualTo(190);
      }
      assertThat(Long.parseLong(after.getLast().split(" ")[0]))
          .as("the JVM's wall clock after the jump")
          .isBetween(now + 600 - 60, now + 600 + 1);
    } finally {
      process.destroyForcibly();
    }
  }

  /** A JVM that prints its wall-clock second and how long a 200 ms wait took, six times. */
  private static final String WAITS =
      """
      public class Waits {
        public static void main(String[] args) throws Exception {
          Object lock = new Object();
          for (int i = 0; i < 6; i++) {
            long start = System.nanoTime();
            synchronized (lock) { lock.wait(200); }
            long waited = (System.nanoTime() - start) / 1_000_000;
            System.out.println(System.currentTimeMillis() / 1000 + " " + waited);
            System.out.flush();
            Thread.sleep(300);
          }
        }
      }
      """;

  private static List<String> lines(BufferedReader out, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    while (lines.size() < count) {
      String line = out.readLine();
      assertThat(line).as("the JVM's line " + (lines.size() + 1) + " of " + count).isNotNull();
      if (line.matches("\\d+ \\d+")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static long secondsSeen(Faketime clock) throws IOException, InterruptedException {
    ProcessBuilder date = new ProcessBuilder("date", "+%s");
    date.environment().putAll(clock.environment());
    Process process = date.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(process.waitFor()).as("date exits").isZero();
    return Long.parseLong(out.trim());
  }
}
