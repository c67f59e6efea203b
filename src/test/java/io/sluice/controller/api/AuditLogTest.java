package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AuditLogTest {
  @TempDir Path stateDir;
  final MutableClock wall = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

  @Test
  void entriesAreReadBackInOrderAndFiltered() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall)) {
      log.append(log.entry("override.set", "shop").put("actor", "alice"));
      wall.advance(Duration.ofMinutes(5));
      log.append(log.entry("override.set", "lab").put("actor", "bob"));
      wall.advance(Duration.ofMinutes(5));
      log.append(log.entry("override.clear", "shop").put("actor", "alice"));

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
    }
  }

  @Test
  void aLineTornByACrashIsDroppedAndTheNextEntryLandsWhole() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall)) {
      log.append(log.entry("override.set", "shop"));
    }
    Files.writeString(
        stateDir.resolve(AuditLog.FILE_NAME), "{\"time\":\"2026-11", StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(stateDir, wall)) {
      log.append(log.entry("override.clear", "shop"));
      assertThat(actions(log.read(Optional.empty(), Optional.empty(), 100)))
          .containsExactly("override.set", "override.clear");
    }
  }

  @Test
  void rotatesBySizeAndKeepsTheNewestFiles() throws Exception {
    try (AuditLog log = AuditLog.open(stateDir, wall, 400, 2)) {
      for (int i = 0; i < 20; i++) {
        log.append(log.entry("route.change", "shop").put("n", i));
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
    }
  }

  private static List<String> actions(List<JsonNode> entries) {
    return entries.stream().map(e -> e.get("action").asText()).toList();
  }
}
