package io.sluice.policies;

import static io.sluice.policies.Verdict.DOWN;
import static io.sluice.policies.Verdict.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.OperatorOverride.OverrideAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OverrideTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);

  private static RouteDriver warm() {
    RouteDriver d = new RouteDriver(Settings.failover(), ON_CVM);
    d.warmUp(UP, UP);
    return d;
  }

  @Test
  void aPinMovesTrafficAtOnceIgnoringTheDwell() {
    RouteDriver d = warm();
    d.observeFor(Duration.ofSeconds(5), SECOND, DOWN, UP);
    assertThat(d.split()).isEqualTo(ON_SCF);
    d.advance(Duration.ofSeconds(5)); // well inside the 30 s dwell
    d.setOverride(new OverrideAction.Pin(Backend.CVM), Duration.ofMinutes(30), true);

    Decision pinned = d.observe(DOWN, UP);

    assertThat(pinned.split()).isEqualTo(ON_CVM);
    assertThat(pinned.phase()).isEqualTo(Phase.OVERRIDDEN);
    assertThat(pinned.reason().inputs())
        .containsEntry("actor", "alice")
        .containsEntry("action", "pin cvm");
  }

  @Test
  void aFixedSplitIsAppliedAsGiven() {
    RouteDriver d = warm();
    d.setOverride(
        new OverrideAction.FixedSplit(new TrafficSplit(70, 30)), Duration.ofMinutes(5), false);

    assertThat(d.observe(UP, UP).split()).isEqualTo(new TrafficSplit(70, 30));
  }

  @Test
  void theOverrideExpiresByItselfAndAutomationResumes() {
    RouteDriver d = warm();
    d.setOverride(new OverrideAction.Pin(Backend.SCF), Duration.ofMinutes(1), false);
    d.observe(UP, UP);
    assertThat(d.split()).isEqualTo(ON_SCF);

    d.observeFor(Duration.ofMinutes(5), SECOND, UP, UP);

    // Back under automation, the primary has been UP all along: the stepped failback has run.
    assertThat(d.split()).isEqualTo(ON_CVM);
    assertThat(d.phase()).isEqualTo(Phase.NORMAL);
    assertThat(d.shifts()).extracting(s -> s.reason().rule()).contains("failback-start");
  }

  @Test
  void anUnforcedPinToADownBackendYieldsToSafety() {
    RouteDriver d = warm();
    d.setOverride(new OverrideAction.Pin(Backend.SCF), Duration.ofMinutes(30), false);

    Decision yielded = d.observe(UP, DOWN);

    assertThat(yielded.split()).isEqualTo(ON_CVM);
    assertThat(yielded.reason().rule()).isEqualTo("override-yields-to-safety");
  }

  @Test
  void aForcedPinToADownBackendIsObeyed() {
    RouteDriver d = warm();
    d.setOverride(new OverrideAction.Pin(Backend.SCF), Duration.ofMinutes(30), true);

    Decision forced = d.observe(UP, DOWN);

    assertThat(forced.split()).isEqualTo(ON_SCF);
    assertThat(forced.reason().inputs()).containsEntry("forced", "true");
  }

  @Test
  void pauseKeepsTheSplitWhileThePrimaryIsDown() {
    RouteDriver d = warm();
    d.setOverride(new OverrideAction.Pause(), Duration.ofMinutes(30), true);

    d.observeFor(Duration.ofMinutes(2), SECOND, DOWN, UP);

    assertThat(d.split()).isEqualTo(ON_CVM);
    assertThat(d.phase()).isEqualTo(Phase.OVERRIDDEN);
  }

  @Test
  void anUnforcedPauseStillLeavesADownBackend() {
    RouteDriver d = warm();
    d.setOverride(new OverrideAction.Pause(), Duration.ofMinutes(30), false);

    Decision yielded = d.observe(DOWN, UP);

    assertThat(yielded.split()).isEqualTo(ON_SCF);
    assertThat(yielded.reason().rule()).isEqualTo("override-yields-to-safety");
  }

  @Test
  void aFlappingPinnedBackendMovesTrafficAtMostOncePerDwell() {
    RouteDriver d = warm();
    d.setOverride(new OverrideAction.Pin(Backend.CVM), Duration.ofHours(1), false);
    for (int cycle = 0; cycle < 20; cycle++) {
      d.observeFor(Duration.ofSeconds(29), SECOND, DOWN, UP);
      d.advance(SECOND);
      d.observeFor(Duration.ofSeconds(4), SECOND, UP, UP);
      d.advance(SECOND);
    }

    List<Decision.Shift> shifts = d.shifts();
    // 20 cycles of 35 s: without the dwell on the way back this would be 40 moves.
    assertThat(shifts).hasSizeLessThanOrEqualTo(700 / 30 + 1);
  }

  @Test
  void theSafetyCheckNamesTheDownBackend() {
    HealthSnapshot scfDown = HealthSnapshot.of(UP, DOWN, 1, java.time.Instant.EPOCH);

    assertThat(OverrideSafety.downBackendRouted(new TrafficSplit(90, 10), scfDown))
        .contains(Backend.SCF);
    assertThat(OverrideSafety.downBackendRouted(ON_CVM, scfDown)).isEmpty();
  }
}
