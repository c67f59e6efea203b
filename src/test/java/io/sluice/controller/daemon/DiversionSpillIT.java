package io.sluice.controller.daemon;

import static io.sluice.controller.daemon.DiversionWindowIT.A;
import static io.sluice.controller.daemon.DiversionWindowIT.A_CVM;
import static io.sluice.controller.daemon.DiversionWindowIT.A_SCF;
import static io.sluice.controller.daemon.DiversionWindowIT.B_CVM;
import static io.sluice.controller.daemon.DiversionWindowIT.B_SCF;
import static io.sluice.controller.daemon.DiversionWindowIT.ZONE;
import static io.sluice.controller.daemon.SandboxDaemon.LB_CVM_ANSWER;
import static io.sluice.controller.daemon.SandboxDaemon.LB_SCF_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load spill of service mall (src/test/resources/diversion/spill.yaml on the demo world): both CVM
 * instances answer 503, so Cloud Monitor's HttpCode5XX for a's CVM rule climbs, and a spills to SCF
 * in steps of 50% up to the cap of 100%; healed, the rate falls and a comes back the same way. The
 * CVM probe passes any status, so CVM stays UP and failover protection stays out of it.
 */
final class DiversionSpillIT {
  private static final List<String> INSTANCES = List.of("ins-shop0001", "ins-shop0002");
  // Cloud Monitor's open minute still holds the good requests from before the break: the rate
  // passes `above` (0.2) once 503s are a quarter of them, at up to ~10 requests a second for up to
  // a minute; then the 10s load read, sustainFor 2s, two steps 2s apart, a DNSPod write each.
  private static final Duration SPILL_BOUND = Duration.ofSeconds(60 / 4 + 10 + 2 + 2 * 2 + 20);
  // Healed, the rate falls below `below` (0.05) once good requests outnumber the 503s 19 to 1 in
  // the open minute, or the minute closes (at most 60s); then the 10s load read, sustainFor 2s and
  // two steps 2s apart.
  private static final Duration RETURN_BOUND = Duration.ofSeconds(60 + 10 + 2 + 2 * 2 + 20);
  // what the load signal needs to see a rate at all; a few requests per poll keep the minute busy
  private static final int REQUESTS_PER_POLL = 2;
  // after the heal: enough good requests per poll to outweigh the 503s well inside the minute
  private static final int DILUTION_PER_POLL = 40;

  @TempDir Path stateDir;
  private SandboxDaemon sluice;
  private final List<Integer> levels = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sluice =
        SandboxDaemon.start(
            SandboxDaemon.demoWorld(),
            SandboxDaemon.resource("diversion/spill.yaml"),
            stateDir,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sluice.close();
  }

  @Test
  void aSpillsToScfInStepsWhileCvmAnswers5xxAndReturnsInStepsOnceItHeals() throws Exception {
    INSTANCES.forEach(id -> sluice.sandbox().instances().breakWith(id, 503));
    await()
        .atMost(SPILL_BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> trafficThenLevel(REQUESTS_PER_POLL) == 100);
    assertThat(levels).containsSubsequence(0, 50, 100);
    assertThat(levels).isSortedAccordingTo(Integer::compare); // up only, never back and forth
    assertThat(sluice.scfPercent(ZONE, B_CVM, B_SCF)).isEqualTo(100);
    assertThat(sluice.answer(A)).isEqualTo(LB_SCF_ANSWER);
    assertThat(SandboxClients.get(sluice.vip("lb-scf", "lbl-scf"), A)).contains("Hello CLB");

    INSTANCES.forEach(id -> sluice.sandbox().instances().heal(id));
    levels.clear();
    await()
        .atMost(RETURN_BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> trafficThenLevel(DILUTION_PER_POLL) == 0);
    assertThat(levels).containsSubsequence(100, 50, 0);
    assertThat(levels).isSortedAccordingTo((x, y) -> Integer.compare(y, x));
    assertThat(sluice.answer(A)).isEqualTo(LB_CVM_ANSWER);
    assertThat(sluice.scfPercent(ZONE, B_CVM, B_SCF)).isEqualTo(100);
  }

  /** Sends business traffic for a to its CVM rule, then notes and returns a's SCF share. */
  private int trafficThenLevel(int requests) throws IOException {
    for (int i = 0; i < requests; i++) {
      SandboxClients.get(sluice.vip("lb-cvm", "lbl-cvm"), A);
    }
    int level = sluice.scfPercent(ZONE, A_CVM, A_SCF);
    if (levels.isEmpty() || levels.getLast() != level) {
      levels.add(level);
    }
    return level;
  }
}
