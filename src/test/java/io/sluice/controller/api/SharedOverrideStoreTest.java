package io.sluice.controller.api;

import static io.sluice.controller.api.AuditLogTest.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.disk.DiskLane;
import io.sluice.controller.disk.ScriptedDisk;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.MemoryCluster;
import io.sluice.controller.ha.SharedDoc;
import io.sluice.testing.LogCapture;
import io.sluice.testing.MutableClock;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overrides in a replica group: kept in the group's shared document, changed by compare-and-set
 * from any replica, timed on the group's clock. The replicas' monotonic clocks disagree wildly (one
 * wraps around past {@code Long.MAX_VALUE} during the tests) and their wall clocks are off.
 */
final class SharedOverrideStoreTest {
  /** The test's monotonic clock, which the group's clock follows. */
  final AtomicLong nanos = new AtomicLong(Duration.ofMinutes(3).toNanos());

  final MemoryCluster cluster = new MemoryCluster(nanos::get);
  final long offsetA = -Duration.ofDays(2).toNanos();
  final long offsetB = Long.MAX_VALUE - Duration.ofMinutes(8).toNanos();
  final Group a = cluster.join("a", offsetA);
  final Group b = cluster.join("b", offsetB);
  // wall clocks that are off (b by a day) play no part in a group's expiry
  final MutableClock wallA = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final MutableClock wallB = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  final OverrideStore storeA = OverrideStore.shared(a, local(offsetA), wallA);
  final OverrideStore storeB = OverrideStore.shared(b, local(offsetB), wallB);

  LongSupplier local(long offset) {
    return () -> nanos.get() + offset;
  }

  static OverrideRecord pin(OverrideStore through, String service, Duration ttl, String id) {
    return OverrideStoreTest.pin(service, through.now(), ttl, id);
  }

  static <T> Future<Void> confirmed(T changed) {
    return Future.succeededFuture();
  }

  @Test
  void anOverrideSetThroughOneReplicaHoldsOnTheOthersAndOutlivesItsSession() throws Exception {
    cluster.elect("a");
    OverrideRecord set = pin(storeB, "shop", Duration.ofMinutes(30), "req-1");
    join(storeB.set(set, SharedOverrideStoreTest::confirmed)); // through the follower

    assertThat(storeA.current("shop")).contains(set);
    long atA = nanos.get() + offsetA;
    assertThat(storeA.overrides("shop").activeAt(atA)).isPresent();

    cluster.expire("a"); // the leader that acted on it goes away
    cluster.elect("b");
    Group c = cluster.join("c");
    OverrideStore storeC = OverrideStore.shared(c, nanos::get, wallA); // joins afterwards
    assertThat(storeB.current("shop")).contains(set);
    assertThat(storeC.current("shop")).contains(set);
    assertThat(storeC.overrides("shop").activeAt(nanos.get())).isPresent();
  }

  @Test
  void changesFromTwoReplicasAtOnceBothLand() throws Exception {
    HeldGroup heldA = new HeldGroup(a);
    OverrideStore a2 = OverrideStore.shared(heldA, local(offsetA), wallA);
    heldA.holdNextReplace();

    Future<Optional<OverrideRecord>> fromA =
        a2.set(
            pin(a2, "shop", Duration.ofMinutes(30), "req-a"), SharedOverrideStoreTest::confirmed);
    assertThat(fromA.isComplete()).as("a's write is held on its way").isFalse();
    join(storeB.set(pin(storeB, "lab", Duration.ofMinutes(30), "req-b"), x -> confirmed(x)));
    heldA.release(); // a's write reaches the document after b's: it conflicts, plans again, lands

    join(fromA);
    assertThat(heldA.replaces).as("a's first try conflicted").isEqualTo(2);
    for (OverrideStore store : new OverrideStore[] {storeA, storeB, a2}) {
      assertThat(store.current("shop")).map(OverrideRecord::requestId).contains("req-a");
      assertThat(store.current("lab")).map(OverrideRecord::requestId).contains("req-b");
    }
  }

  @Test
  void aChangeThatKeepsLosingTheRaceGivesUpAfterBoundedTries() {
    HeldGroup heldA = new HeldGroup(a);
    OverrideStore a2 = OverrideStore.shared(heldA, local(offsetA), wallA);
    heldA.interloper(() -> storeB.resume("lab", SharedOverrideStoreTest::confirmed));

    Future<Long> resumed = a2.resume("shop", SharedOverrideStoreTest::confirmed);

    assertThat(resumed.cause())
        .isInstanceOf(OverrideStore.SharedUnavailable.class)
        .hasMessageContaining("kept changing")
        .hasMessageContaining("nothing was changed");
    assertThat(heldA.replaces).isEqualTo(OverrideStore.SHARED_TRIES);
    assertThat(storeB.overrides("shop").resumeGeneration()).isZero();
    assertThat(storeB.overrides("lab").resumeGeneration()).isEqualTo(OverrideStore.SHARED_TRIES);
  }

  @Test
  void resumesFromTwoReplicasBothCount() throws Exception {
    assertThat(join(storeA.resume("shop", SharedOverrideStoreTest::confirmed))).isEqualTo(1);
    assertThat(join(storeB.resume("shop", SharedOverrideStoreTest::confirmed))).isEqualTo(2);
    assertThat(storeA.overrides("shop").resumeGeneration()).isEqualTo(2);
    assertThat(storeB.overrides("shop").resumeGeneration()).isEqualTo(2);
  }

  @Test
  void anOverrideEndsAtTheSameGroupTimeOnEveryReplica() throws Exception {
    cluster.elect("a");
    join(storeB.set(pin(storeB, "shop", Duration.ofMinutes(10), "req-1"), x -> confirmed(x)));
    wallB.advance(Duration.ofHours(5)); // b's wall clock jumps: nothing changes

    nanos.addAndGet(Duration.ofMinutes(10).minusMillis(1).toNanos()); // b's clock wraps around
    assertThat(storeA.current("shop")).isPresent();
    assertThat(storeB.current("shop")).isPresent();
    assertThat(storeB.overrides("shop").activeAt(nanos.get() + offsetB)).isPresent();
    assertThat(join(storeA.expire()).ended()).isEmpty();

    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(storeA.current("shop")).isEmpty();
    assertThat(storeB.current("shop")).isEmpty();
    assertThat(storeA.overrides("shop").activeAt(nanos.get() + offsetA)).isEmpty();
    assertThat(storeB.overrides("shop").activeAt(nanos.get() + offsetB)).isEmpty();

    assertThat(join(storeB.expire()).ended()).as("a follower leaves it to the leader").isEmpty();
    assertThat(join(storeA.expire()).ended())
        .extracting(OverrideRecord::requestId)
        .containsExactly("req-1");
    assertThat(
            new String(b.doc("overrides").current().orElseThrow().data(), StandardCharsets.UTF_8))
        .doesNotContain("req-1");
  }

  @Test
  void aRefusedConfirmationTakesTheChangeBackOutOfTheDocument() {
    Future<Optional<OverrideRecord>> set =
        storeA.set(
            pin(storeA, "shop", Duration.ofMinutes(10), "req-1"),
            before -> Future.failedFuture(new IllegalStateException("audit log refused")));

    assertThat(set.cause()).hasMessage("audit log refused");
    assertThat(storeA.current("shop")).isEmpty();
    assertThat(storeB.current("shop")).isEmpty();
  }

  @Test
  void aReplicaCutOffFromTheGroupRefusesChangesSayingTheOutcomeIsUnknown() {
    cluster.suspend("b");
    Future<Optional<OverrideRecord>> set =
        storeB.set(pin(storeB, "shop", Duration.ofMinutes(10), "req-1"), x -> confirmed(x));

    assertThat(set.cause())
        .isInstanceOf(OverrideStore.SharedUnavailable.class)
        .hasMessageContaining("'overrides'")
        .hasMessageContaining("may or may not have been made");
  }

  @Test
  void aChangeWhoseAnswerIsLostFailsWithItsPlanAndTheViewIsReadBackFromTheGroup() {
    HeldGroup heldB = new HeldGroup(b);
    OverrideStore b2 = OverrideStore.shared(heldB, local(offsetB), wallB);
    OverrideRecord set = pin(b2, "shop", Duration.ofMinutes(10), "req-1");
    heldB.loseNextAnswer();
    boolean[] confirmed = {false};

    Future<Optional<OverrideRecord>> change =
        b2.set(
            set,
            before -> {
              confirmed[0] = true;
              return Future.succeededFuture();
            });

    assertThat(change.cause())
        .isInstanceOf(OverrideStore.OutcomeUnknown.class)
        .hasMessageContaining("may or may not have been made");
    assertThat(((OverrideStore.OutcomeUnknown) change.cause()).planned())
        .as("the override it would have replaced")
        .isEqualTo(Optional.empty());
    assertThat(confirmed[0]).isFalse();
    assertThat(storeA.current("shop")).as("it landed").contains(set);
    assertThat(b2.current("shop")).as("read back, though b's watch missed it").contains(set);
  }

  @Test
  void anUnreadableDocumentKeepsTheLastViewAndRefusesChangesNamingTheField() throws Exception {
    join(storeA.set(pin(storeA, "shop", Duration.ofMinutes(10), "req-1"), x -> confirmed(x)));
    SharedDoc raw = a.doc("overrides");
    String good = new String(raw.current().orElseThrow().data(), StandardCharsets.UTF_8);
    try (LogCapture log = LogCapture.of(OverrideStore.class)) {
      join(
          raw.replace(
              bytes(good.replaceFirst("\"expiresAt\":\"[^\"]+\"", "\"expiresAt\":\"soon\"")), 0));
      assertThat(log.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("ERROR the shared document 'overrides' (version 1)")
                      .contains("overrides[0].expiresAt"));
    }

    assertThat(storeB.current("shop")).as("the last good view").isPresent();
    assertThat(
            storeB
                .set(pin(storeB, "lab", Duration.ofMinutes(5), "req-2"), x -> confirmed(x))
                .cause())
        .isInstanceOf(OverrideStore.SharedUnavailable.class)
        .hasMessageContaining("'overrides' (version 1)")
        .hasMessageContaining("overrides[0].expiresAt");

    join(raw.replace(bytes(good.replace("{\"format\"", "{\"colour\":\"red\",\"format\"")), 1));
    assertThat(storeB.resume("shop", x -> confirmed(x)).cause()).hasMessageContaining("colour");
    join(raw.replace(bytes(good.replace("\"kind\":\"pin\"", "\"kind\":\"pinch\"")), 2));
    assertThat(storeB.resume("shop", x -> confirmed(x)).cause())
        .hasMessageContaining("overrides[0].kind");

    join(raw.replace(bytes(good), 3)); // mended
    assertThat(join(storeB.resume("shop", x -> confirmed(x)))).isEqualTo(1);
    assertThat(storeA.overrides("shop").resumeGeneration()).isEqualTo(1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void overridesLeftInTheLocalFileByASoloRunAreNamedWhenJoiningAGroup(@TempDir Path stateDir)
      throws Exception {
    ScriptedDisk disk = new ScriptedDisk();
    try (DiskLane lane = DiskLane.start(disk)) {
      OverrideStore solo = OverrideStore.open(stateDir, nanos::get, wallA, lane);
      join(
          solo.set(
              OverrideStoreTest.pin("shop", wallA.instant(), Duration.ofHours(1), "r"),
              x -> confirmed(x)));

      try (LogCapture log = LogCapture.of(OverrideStore.class)) {
        OverrideStore inGroup = OverrideStore.open(stateDir, local(offsetA), wallA, lane, a);
        assertThat(inGroup.current("shop")).isEmpty();
        assertThat(log.lines())
            .anySatisfy(line -> assertThat(line).startsWith("WARN").contains("shop: pin scf"));
      }
    } finally {
      disk.release();
    }
  }
}
