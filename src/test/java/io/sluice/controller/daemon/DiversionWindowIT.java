package io.sluice.controller.daemon;

import static io.sluice.controller.daemon.SandboxDaemon.LB_CVM_ANSWER;
import static io.sluice.controller.daemon.SandboxDaemon.LB_SCF_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.sandbox.api.Mutation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diversion of service mall (src/test/resources/diversion/window.yaml on the demo world): a lives
 * on CVM and b on SCF; a window sends a to SCF from 10:00 to 11:00 on 2030-01-01, read on a fake
 * wall clock while the daemon's timers run in real time.
 */
final class DiversionWindowIT {
  static final String ZONE = "sluice.local";
  static final String A = "a.sluice.local";
  static final String B = "b.sluice.local";
  static final long A_CVM = 2003;
  static final long A_SCF = 2004;
  static final long B_CVM = 2005;
  static final long B_SCF = 2006;

  private static final Instant FROM = Instant.parse("2030-01-01T10:00:00Z");
  private static final Instant TO = Instant.parse("2030-01-01T11:00:00Z");
  // warmupRounds (3) ticks and the probes' rise (2 x 1s) before the first decision; then slack
  private static final Duration READY_BOUND = Duration.ofSeconds(30);
  // minDwell 1s, one 1s tick, two DNSPod writes; then slack for a shared CI machine
  private static final Duration MOVE_BOUND = Duration.ofSeconds(20);
  // rounds the steady state must hold for: well past warm-up, so a decision would have been made
  private static final int QUIET_TICKS = 8;

  @TempDir Path stateDir;
  private final FakeWallClock wall = new FakeWallClock(FROM.minus(Duration.ofHours(1)));
  private SandboxDaemon sluice;

  @BeforeEach
  void start() throws Exception {
    sluice =
        SandboxDaemon.start(
            SandboxDaemon.demoWorld(),
            SandboxDaemon.resource("diversion/window.yaml"),
            stateDir,
            wall);
  }

  @AfterEach
  void stop() {
    sluice.close();
  }

  @Test
  void aStaysOnCvmAndBOnScfWithoutAWriteWhileBothAreHealthy() throws Exception {
    long ready = sluice.ticks();
    await().atMost(READY_BOUND).until(() -> sluice.ticks() >= ready + QUIET_TICKS);

    assertThat(sluice.scfPercent(ZONE, A_CVM, A_SCF)).isZero();
    assertThat(sluice.scfPercent(ZONE, B_CVM, B_SCF)).isEqualTo(100);
    assertThat(sluice.answer(A)).isEqualTo(LB_CVM_ANSWER);
    assertThat(sluice.answer(B)).isEqualTo(LB_SCF_ANSWER);
    assertThat(sluice.follow(A)).doesNotContain("Hello CLB").contains("200");
    assertThat(sluice.follow(B)).contains("Hello CLB");
    assertThat(sluice.sandbox().mutations().entries()).extracting(Mutation::action).isEmpty();
  }

  @Test
  void aWindowSendsAToScfAtItsStartAndBackAtItsEnd() throws Exception {
    long ready = sluice.ticks();
    await().atMost(READY_BOUND).until(() -> sluice.ticks() >= ready + QUIET_TICKS);
    assertThat(sluice.answer(A)).isEqualTo(LB_CVM_ANSWER);

    wall.set(FROM.minusSeconds(1));
    // the records are written one after the other: wait for both, not for the first answer
    await().atMost(MOVE_BOUND).until(() -> sluice.scfPercent(ZONE, A_CVM, A_SCF) == 100);
    assertThat(wall.instant()).isAfterOrEqualTo(FROM); // not a moment early
    assertThat(sluice.answer(A)).isEqualTo(LB_SCF_ANSWER);
    assertThat(sluice.follow(A)).contains("Hello CLB");
    assertThat(sluice.scfPercent(ZONE, B_CVM, B_SCF)).isEqualTo(100);

    wall.set(TO.minusSeconds(1));
    await().atMost(MOVE_BOUND).until(() -> sluice.scfPercent(ZONE, A_CVM, A_SCF) == 0);
    assertThat(wall.instant()).isAfterOrEqualTo(TO);
    assertThat(sluice.answer(A)).isEqualTo(LB_CVM_ANSWER);
    assertThat(sluice.follow(A)).doesNotContain("Hello CLB").contains("200");
    assertThat(sluice.scfPercent(ZONE, B_CVM, B_SCF)).isEqualTo(100);
  }
}
