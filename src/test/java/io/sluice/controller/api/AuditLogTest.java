package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.controller.disk.DiskLane;
import io.sluice.controller.disk.ScriptedDisk;
import io.sluice.testing.MutableClock;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AuditLogTest {
  @TempDir Path stateDir;
  final MutableClock wall = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final ScriptedDisk disk = new ScriptedDisk();
  final DiskLane lane = DiskLane.start(disk);

  @AfterEach
  void closeLane() {
    disk.release();
    lane.close();
  }

  @Test
  void entriesAreReadBackInOrderAndFiltered() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall, lane)) {
      join(log.append(log.entry("override.set", "shop").put("actor", "alice")));
      wall.advance(Duration.ofMinutes(5));
      join(log.append(log.entry("override.set", "lab").put("actor", "bob")));
      wall.advance(Duration.ofMinutes(5));
      join(log.append(log.entry("override.clear", "shop").put("actor", "alice")));

      assertThat(actions(log.read(Optional.empty(), Optional.empty(), 100)))
          .containsExactly("override.set", "override.set", "override.clear");
      assertThat(actions(log.read(Optional.of("shop"), Optional.empty(), 100)))
          .containsExactly("override.set", "override.clear");
      assertThat(
              log.read(Optional.empty(), Optional.of(Instant.parse("2026-11-24T10:05:00Z")), 100))
          .extracting(e -> e.get("service").asText())
          .containsExactly("lab", "shop");
      assertThat(actions(log.read(Optional.empty(), Optional.empty(), 1)))
          .containsExactly("override.clear");
      assertThat(log.writes()).isEqualTo(3);
    }
  }

  @Test
  void aLineTornByACrashIsDroppedAndTheNextEntryLandsWhole() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall, lane)) {
      join(log.append(log.entry("override.set", "shop")));
    }
    Files.writeString(
        stateDir.resolve(AuditLog.FILE_NAME), "{\"time\":\"2026-11", StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(stateDir, wall, lane)) {
      join(log.append(log.entry("override.clear", "shop")));
      assertThat(actions(log.read(Optional.empty(), Optional.empty(), 100)))
          .containsExactly("override.set", "override.clear");
    }
  }

  @Test
  void rotatesBySizeAndKeepsTheNewestFiles() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall, lane, 400, 2)) {
      for (int i = 0; i < 20; i++) {
        join(log.append(log.entry("route.change", "shop").put("n", i)));
      }
      assertThat(Files.size(stateDir.resolve(AuditLog.FILE_NAME))).isLessThanOrEqualTo(400);
      assertThat(stateDir.resolve(AuditLog.FILE_NAME + ".1")).exists();
      assertThat(stateDir.resolve(AuditLog.FILE_NAME + ".2")).exists();
      assertThat(stateDir.resolve(AuditLog.FILE_NAME + ".3")).doesNotExist();
      List<JsonNode> kept = log.read(Optional.empty(), Optional.empty(), 100);
      assertThat(kept.getLast().get("n").asInt()).isEqualTo(19);
      // oldest first, and contiguous: rotation lost nothing between the files it kept
      for (int i = 1; i < kept.size(); i++) {
        assertThat(kept.get(i).get("n").asInt()).isEqualTo(kept.get(i - 1).get("n").asInt() + 1);
      }
      // a limit reaching back into the rotated files takes the newest, across them
      assertThat(log.read(Optional.empty(), Optional.empty(), 4))
          .extracting(e -> e.get("n").asInt())
          .containsExactly(16, 17, 18, 19);
    }
  }

  @Test
  void anEntryThatCouldNotBeForcedIsNotLeftHalfWrittenBeforeTheNext() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall, lane)) {
      join(log.append(log.entry("override.set", "shop")));
      disk.failNext(1);

      Future<Void> lost = log.append(log.entry("override.clear", "shop"));
      assertThatThrownBy(() -> join(lost)).hasMessageContaining("injected");
      join(log.append(log.entry("resume", "shop")));

      assertThat(actions(log.read(Optional.empty(), Optional.empty(), 100)))
          .containsExactly("override.set", "resume");
      assertThat(log.writes()).isEqualTo(2);
    }
  }

  /** Issue item 2: a viewer's read holds no lock that an append (or a scrape) waits for. */
  @Test
  void anAppendCompletesWhileAReadIsHeldInTheMiddle() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall, lane)) {
      appendMany(log, 3 * LinesFromEnd.CHUNK / 100);
      CountDownLatch readStarted = new CountDownLatch(1);
      CountDownLatch letReadGoOn = new CountDownLatch(1);
      log.onChunkRead(
          bytes -> {
            readStarted.countDown();
            awaitQuietly(letReadGoOn);
          });
      CompletableFuture<List<JsonNode>> read =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return log.read(Optional.empty(), Optional.empty(), 1000);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(readStarted.await(5, TimeUnit.SECONDS)).isTrue();

      long before = log.writes();
      join(log.append(log.entry("override.set", "shop").put("during", "the read")));
      assertThat(log.writes()).isEqualTo(before + 1);
      assertThat(read).as("the read is still held in the middle").isNotDone();

      letReadGoOn.countDown();
      assertThat(read.get(5, TimeUnit.SECONDS)).isNotEmpty();
    }
  }

  /** Issue item 2: the newest entries of a large trail cost its tail, not the whole file. */
  @Test
  void readingTheNewestEntriesOfALargeFileReadsOnlyItsTail() throws Exception {
    Path file = stateDir.resolve(AuditLog.FILE_NAME);
    // a few megabytes of old entries, written directly (fast), then ten through the log
    StringBuilder old = new StringBuilder();
    String line =
        "{\"time\":\"2026-11-24T09:00:00Z\",\"action\":\"route.change\",\"service\":\"shop\","
            + "\"padding\":\""
            + "x".repeat(400)
            + "\"}\n";
    while (old.length() < 4 * 1024 * 1024) {
      old.append(line);
    }
    Files.writeString(file, old, StandardCharsets.UTF_8);
    try (AuditLog log = AuditLog.open(stateDir, wall, lane)) {
      for (int i = 0; i < 10; i++) {
        join(log.append(log.entry("override.set", "shop").put("n", i)));
      }
      AtomicLong bytesRead = new AtomicLong();
      log.onChunkRead(bytesRead::addAndGet);

      List<JsonNode> newest = log.read(Optional.empty(), Optional.empty(), 10);

      assertThat(newest)
          .extracting(e -> e.get("n").asInt())
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(bytesRead.get())
          .as("bytes read of a %d-byte file", Files.size(file))
          .isLessThanOrEqualTo(LinesFromEnd.CHUNK);
    }
  }

  @Test
  void linesAreReadBackwardsAcrossChunkBoundariesAndATornTailIsSkipped() throws Exception {
    Path file = stateDir.resolve("lines");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("line ").append(i).append(" é").append("-".repeat(i % 97)).append('\n');
    }
    text.append("torn");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    try (var channel = java.nio.channels.FileChannel.open(file)) {
      LinesFromEnd lines = new LinesFromEnd(channel, channel.size(), bytes -> {});
      for (int i = 4999; i >= 0; i--) {
        assertThat(lines.next()).isEqualTo("line " + i + " é" + "-".repeat(i % 97));
      }
      assertThat(lines.next()).isNull();
    }
  }

  private static void appendMany(AuditLog log, int n) throws Exception {
    Future<Void> last = null;
    for (int i = 0; i < n; i++) {
      last = log.append(log.entry("route.change", "shop").put("n", i));
    }
    join(last);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<String> actions(List<JsonNode> entries) {
    return entries.stream().map(e -> e.get("action").asText()).toList();
  }
}
