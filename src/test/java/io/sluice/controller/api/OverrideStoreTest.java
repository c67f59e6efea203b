package io.sluice.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OverrideStoreTest {
  @TempDir Path stateDir;
  final MutableClock wall = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final AtomicLong nanos = new AtomicLong(-Duration.ofMinutes(1).toNanos());

  OverrideRecord pin(Duration ttl) {
    return new OverrideRecord(
        "shop",
        "pin",
        Optional.of("cvm=0,scf=100"),
        "alice",
        "maintenance",
        wall.instant(),
        wall.instant().plus(ttl),
        false,
        "req-1");
  }

  @Test
  void aWallClockJumpNeitherEndsNorStretchesAnOverride() throws Exception {
    OverrideStore store = OverrideStore.open(stateDir, nanos::get, wall);
    store.set(pin(Duration.ofMinutes(10)));

    wall.advance(Duration.ofHours(3)); // the wall clock jumps; monotonic time does not
    assertThat(store.expire()).isEmpty();
    assertThat(store.current("shop")).isPresent();

    nanos.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(store.expire()).extracting(OverrideRecord::requestId).containsExactly("req-1");
    assertThat(store.current("shop")).isEmpty();
    assertThat(store.overrides("shop").active()).isEmpty();
  }

  @Test
  void theFileKeepsOverridesAndResumeGenerations() throws Exception {
    OverrideStore store = OverrideStore.open(stateDir, nanos::get, wall);
    store.set(pin(Duration.ofMinutes(10)));
    assertThat(store.resume("lab")).isEqualTo(1);
    assertThat(store.resume("lab")).isEqualTo(2);

    OverrideStore reopened = OverrideStore.open(stateDir, nanos::get, wall);
    assertThat(reopened.current("shop")).contains(pin(Duration.ofMinutes(10)));
    assertThat(reopened.overrides("lab").resumeGeneration()).isEqualTo(2);
    assertThat(reopened.overrides("shop").active().orElseThrow().activeAt(nanos.get())).isTrue();
  }

  @Test
  void anUnreadableFileStopsTheStartNamingIt() throws Exception {
    Files.writeString(stateDir.resolve(OverrideStore.FILE_NAME), "{not json");
    assertThatThrownBy(() -> OverrideStore.open(stateDir, nanos::get, wall))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(OverrideStore.FILE_NAME)
        .hasMessageContaining("cannot read the saved overrides");
  }
}
