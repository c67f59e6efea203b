package io.sluice.controller.api;

import static io.sluice.controller.api.AuditLogTest.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.controller.disk.DiskLane;
import io.sluice.controller.disk.ScriptedDisk;
import io.sluice.testing.MutableClock;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OverrideStoreTest {
  @TempDir Path stateDir;
  final MutableClock wall = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final AtomicLong nanos = new AtomicLong(-Duration.ofMinutes(1).toNanos());
  final ScriptedDisk disk = new ScriptedDisk();
  final DiskLane lane = DiskLane.start(disk);

  @AfterEach
  void closeLane() {
    disk.release();
    lane.close();
  }

  OverrideRecord pin(Duration ttl) {
    return pin("shop", ttl);
  }

  OverrideRecord pin(String service, Duration ttl) {
    return pin(service, wall.instant(), ttl, "req-1");
  }

  /** A pin to SCF set at {@code now} by request {@code id}. */
  static OverrideRecord pin(String service, Instant now, Duration ttl, String id) {
    return new OverrideRecord(
        service,
        "pin",
        Optional.of("cvm=0,scf=100"),
        "alice",
        "maintenance",
        now,
        now.plus(ttl),
        false,
        id);
  }

  static <T> Future<Void> confirmed(T changed) {
    return Future.succeededFuture();
  }

  OverrideStore open() throws IOException {
    return OverrideStore.open(stateDir, nanos::get, wall, lane);
  }

  @Test
  void aWallClockJumpNeitherEndsNorStretchesAnOverride() throws Exception {
    OverrideStore store = open();
    join(store.set(pin(Duration.ofMinutes(10)), OverrideStoreTest::confirmed));

    wall.advance(Duration.ofHours(3)); // the wall clock jumps; monotonic time does not
    assertThat(join(store.expire()).ended()).isEmpty();
    assertThat(store.current("shop")).isPresent();

    nanos.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(join(store.expire()).ended())
        .extracting(OverrideRecord::requestId)
        .containsExactly("req-1");
    assertThat(store.current("shop")).isEmpty();
    assertThat(store.overrides("shop").active()).isEmpty();
  }

  @Test
  void theFileKeepsOverridesAndResumeGenerations() throws Exception {
    OverrideStore store = open();
    join(store.set(pin(Duration.ofMinutes(10)), OverrideStoreTest::confirmed));
    assertThat(join(store.resume("lab", OverrideStoreTest::confirmed))).isEqualTo(1);
    assertThat(join(store.resume("lab", OverrideStoreTest::confirmed))).isEqualTo(2);

    OverrideStore reopened = open();
    assertThat(reopened.current("shop")).contains(pin(Duration.ofMinutes(10)));
    assertThat(reopened.overrides("lab").resumeGeneration()).isEqualTo(2);
    assertThat(reopened.overrides("shop").active().orElseThrow().activeAt(nanos.get())).isTrue();
  }

  @Test
  void anUnreadableFileStopsTheStartNamingIt() throws Exception {
    Files.writeString(stateDir.resolve(OverrideStore.FILE_NAME), "{not json");
    assertThatThrownBy(this::open)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(OverrideStore.FILE_NAME)
        .hasMessageContaining("cannot read the saved overrides");
  }

  /** What the policy reads is always on disk and confirmed: never a change still in doubt. */
  @Test
  void aChangeIsInForceOnlyOnceOnDiskAndConfirmed() throws Exception {
    OverrideStore store = open();
    List<String> seen = new CopyOnWriteArrayList<>();
    io.vertx.core.Promise<Void> audit = io.vertx.core.Promise.promise();

    Future<Optional<OverrideRecord>> set =
        store.set(
            pin(Duration.ofMinutes(10)),
            before -> {
              seen.add("confirming; in force: " + store.current("shop").isPresent());
              seen.add("on disk: " + onDiskQuietly().contains("req-1"));
              return audit.future();
            });
    org.awaitility.Awaitility.await().until(() -> seen.size() == 2);
    assertThat(store.current("shop")).as("not in force before it is confirmed").isEmpty();

    audit.complete();

    assertThat(join(set)).as("nothing was replaced").isEmpty();
    assertThat(seen).containsExactly("confirming; in force: false", "on disk: true");
    assertThat(store.current("shop")).isPresent();
  }

  @Test
  void aRefusedConfirmationWritesTheFileBackAndChangesNothing() throws Exception {
    OverrideStore store = open();
    join(store.set(pin("lab", Duration.ofMinutes(10)), OverrideStoreTest::confirmed));
    String before = onDisk();

    Future<Optional<OverrideRecord>> refused =
        store.set(
            pin(Duration.ofMinutes(10)),
            r -> Future.failedFuture(new IllegalStateException("audit log unavailable")));

    assertThatThrownBy(() -> join(refused)).hasRootCauseMessage("audit log unavailable");
    assertThat(store.current("shop")).isEmpty();
    assertThat(onDisk()).isEqualTo(before);
    assertThat(open().current("shop")).as("after a restart too").isEmpty();
  }

  @Test
  void aFileThatCannotBeWrittenChangesNothingAndIsNeverConfirmed() throws Exception {
    OverrideStore store = open();
    disk.failNext(1);
    List<String> confirmed = new CopyOnWriteArrayList<>();

    Future<Optional<OverrideRecord>> failed =
        store.set(
            pin(Duration.ofMinutes(10)),
            r -> {
              confirmed.add("confirmed");
              return Future.succeededFuture();
            });

    assertThatThrownBy(() -> join(failed)).hasRootCauseInstanceOf(IOException.class);
    assertThat(confirmed).isEmpty();
    assertThat(store.current("shop")).isEmpty();
  }

  /** Two changes in flight: the second is planned on what the first left, so neither is lost. */
  @Test
  void changesInFlightRunOneAfterAnotherAndNoneWritesOverAnother() throws Exception {
    OverrideStore store = open();
    disk.hold();
    Future<Optional<OverrideRecord>> shop =
        store.set(pin("shop", Duration.ofMinutes(10)), OverrideStoreTest::confirmed);
    Future<Optional<OverrideRecord>> lab =
        store.set(pin("lab", Duration.ofMinutes(10)), OverrideStoreTest::confirmed);
    Future<Optional<OverrideRecord>> clearShop = store.clear("shop", OverrideStoreTest::confirmed);

    disk.release();

    assertThat(join(shop)).isEmpty();
    assertThat(join(lab)).isEmpty();
    assertThat(join(clearShop)).as("cleared what the first one set").isPresent();
    OverrideStore reopened = open();
    assertThat(reopened.current("lab")).isPresent();
    assertThat(reopened.current("shop")).isEmpty();
  }

  @Test
  void expiredOverridesEndEvenWhenTheFileCannotBeRewritten() throws Exception {
    OverrideStore store = open();
    join(store.set(pin("shop", Duration.ofMinutes(1)), OverrideStoreTest::confirmed));
    join(store.set(pin("lab", Duration.ofMinutes(1)), OverrideStoreTest::confirmed));
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    disk.failNext(1);

    OverrideStore.Expiry expiry = join(store.expire());

    assertThat(expiry.ended()).extracting(OverrideRecord::service).containsExactly("lab", "shop");
    assertThat(expiry.notSaved()).isPresent();
    assertThat(store.overrides("shop").active()).isEmpty();
    assertThat(store.overrides("lab").active()).isEmpty();
  }

  private String onDiskQuietly() {
    try {
      return onDisk();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String onDisk() throws IOException {
    return Files.readString(stateDir.resolve(OverrideStore.FILE_NAME));
  }
}
