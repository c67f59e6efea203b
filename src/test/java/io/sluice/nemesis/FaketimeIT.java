package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

  private static long secondsSeen(Faketime clock) throws IOException, InterruptedException {
    ProcessBuilder date = new ProcessBuilder("date", "+%s");
    date.environment().putAll(clock.environment());
    Process process = date.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(process.waitFor()).as("date exits").isZero();
    return Long.parseLong(out.trim());
  }
}
