package io.sluice.controller.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StateDirectoryTest {
  @TempDir Path dir;
  final MutableClock wall = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

  @Test
  void aSecondHolderIsRefusedNamingTheFirstAndTheDirectoryIsFreeAgainAfterClose() throws Exception {
    Path state = dir.resolve("state");
    try (StateDirectory first = StateDirectory.open(state, Fsync.DEVICE, wall)) {
      assertThatThrownBy(() -> StateDirectory.open(state, Fsync.DEVICE, wall))
          .isInstanceOfSatisfying(
              StateDirectoryInUse.class,
              refused ->
                  assertThat(refused.holder()).startsWith("pid " + ProcessHandle.current().pid()))
          .hasMessageContaining(state.toString())
          .hasMessageContaining("in use by another sluice (pid " + ProcessHandle.current().pid())
          .hasMessageContaining("--state-dir");
      assertThat(first.lane().await(() -> "the holder still writes")).isNotEmpty();
    }

    // what another process reads to name the holder
    assertThat(Files.readString(state.resolve(StateDirectory.LOCK_FILE)))
        .startsWith("pid " + ProcessHandle.current().pid() + " on host ")
        .endsWith(", started 2026-11-24T10:00:00Z\n");
    try (StateDirectory again = StateDirectory.open(state, Fsync.DEVICE, wall)) {
      assertThat(again.path()).isEqualTo(state);
    }
  }

  @Test
  void twoDaemonsOnTwoDirectoriesBothStart() throws Exception {
    try (StateDirectory a = StateDirectory.open(dir.resolve("a"), Fsync.DEVICE, wall);
        StateDirectory b = StateDirectory.open(dir.resolve("b"), Fsync.DEVICE, wall)) {
      assertThat(a.lane()).isNotSameAs(b.lane());
    }
  }
}
