package io.sluice.policies;

import static io.sluice.policies.Verdict.DOWN;
import static io.sluice.policies.Verdict.UNKNOWN;
import static io.sluice.policies.Verdict.UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class DiversionPolicyTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Instant TEN = Instant.parse("2026-11-11T10:00:00Z");
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);

  private static final DiversionSettings.ScheduledWindow FLASH_SALE =
      new DiversionSettings.ScheduledWindow(
          TEN.plus(Duration.ofMinutes(20)), TEN.plus(Duration.ofMinutes(50)), Backend.SCF, 100);

  private static final DiversionSettings.Spill SPILL =
      new DiversionSettings.Spill(800, 400, Duration.ofSeconds(60), 20, Duration.ofSeconds(30), 40);

  private static DiversionSettings shop(
      List<DiversionSettings.ScheduledWindow> windows,
      Optional<DiversionSettings.Spill> spill,
      Optional<Prewarm> prewarm) {
    return new DiversionSettings(Backend.CVM, windows, spill, true, Settings.guards(6), prewarm);
  }

  private static RouteDriver start(DiversionSettings settings, TrafficSplit split) {
    RouteDriver d = new RouteDriver(settings, split, RouteDriver.ODD_ORIGINS[1], TEN);
    d.warmUp(UP, UP);
    return d;
  }

  @Test
  void movesTheDomainToScfForTheWindowAndBackAfterIt() {
    RouteDriver d =
        start(
            shop(
                List.of(FLASH_SALE),
                Optional.empty(),
                Optional.of(new Prewarm(Duration.ofMinutes(10), Duration.ofMinutes(5)))),
            ON_CVM);

    d.observeFor(Duration.ofMinutes(9), SECOND, UP, UP);
    assertThat(d.decisions()).allMatch(x -> x.sideActions().isEmpty());
    d.observeFor(Duration.ofMinutes(2), SECOND, UP, UP); // now inside the 10-minute lead
    assertThat(d.decisions().stream().flatMap(x -> x.sideActions().stream()))
        .containsExactly(new SideAction.PrewarmScf());
    assertThat(d.split()).isEqualTo(ON_CVM);

    d.observeFor(Duration.ofMinutes(10), SECOND, UP, UP); // past 10:20
    assertThat(d.split()).isEqualTo(ON_SCF);
    assertThat(d.phase()).isEqualTo(Phase.DIVERTED);
    assertThat(d.shifts().getLast().reason().rule()).isEqualTo("window");

    d.observeFor(Duration.ofMinutes(30), SECOND, UP, UP); // past 10:50
    assertThat(d.split()).isEqualTo(ON_CVM);
    assertThat(d.phase()).isEqualTo(Phase.NORMAL);
    d.observeFor(Duration.ofMinutes(6), SECOND, UP, UP);
    assertThat(d.decisions().stream().flatMap(x -> x.sideActions().stream()))
        .containsExactly(new SideAction.PrewarmScf(), new SideAction.ReleasePrewarm());
  }

  @Test
  void neverStartsAWindowOntoADownBackend() {
    RouteDriver d = start(shop(List.of(FLASH_SALE), Optional.empty(), Optional.empty()), ON_CVM);

    d.observeFor(Duration.ofMinutes(30), SECOND, UP, DOWN);

    assertThat(d.split()).isEqualTo(ON_CVM);
    assertThat(d.shifts()).isEmpty();
  }

  @Test
  void spillsToScfInStepsUpToTheCapWhileLoadStaysHigh() {
    RouteDriver d = start(shop(List.of(), Optional.of(SPILL), Optional.empty()), ON_CVM);
    d.setLoad(1200);

    d.observeFor(Duration.ofSeconds(59), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(ON_CVM);
    d.advance(SECOND);
    d.observe(UP, UP);
    assertThat(d.split()).isEqualTo(new TrafficSplit(80, 20));

    d.observeFor(Duration.ofMinutes(5), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(new TrafficSplit(60, 40));
    assertThat(d.phase()).isEqualTo(Phase.DIVERTED);
  }

  @Test
  void holdsTheSpillInsideTheHysteresisBandAndReturnsBelowIt() {
    RouteDriver d = start(shop(List.of(), Optional.of(SPILL), Optional.empty()), ON_CVM);
    d.setLoad(1200);
    d.observeFor(Duration.ofMinutes(3), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(new TrafficSplit(60, 40));

    d.setLoad(600);
    d.observeFor(Duration.ofMinutes(10), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(new TrafficSplit(60, 40));

    d.setLoad(100);
    d.observeFor(Duration.ofMinutes(3), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(ON_CVM);
  }

  @Test
  void aPausedSpillDoesNotClimbUnseenAndResumesOneStepAtATime() {
    RouteDriver d = start(shop(List.of(), Optional.of(SPILL), Optional.empty()), ON_CVM);
    d.setLoad(1200);
    d.setOverride(new OperatorOverride.OverrideAction.Pause(), Duration.ofMinutes(11), false);
    d.observeFor(Duration.ofMinutes(10), SECOND, UP, UP);
    assertThat(d.split()).isEqualTo(ON_CVM);

    d.clearOverride();
    d.advance(SECOND);
    d.observe(UP, UP);

    assertThat(d.split()).isEqualTo(new TrafficSplit(80, 20));
  }

  @Test
  void protectsTheDomainWhenItsBackendIsDownAndTheOtherUp() {
    DiversionSettings sale =
        new DiversionSettings(
            Backend.SCF, List.of(), Optional.empty(), true, Settings.guards(4), Optional.empty());
    RouteDriver d = start(sale, ON_SCF);

    Decision moved = d.observe(UP, DOWN);

    assertThat(moved.split()).isEqualTo(ON_CVM);
    assertThat(moved.phase()).isEqualTo(Phase.FAILED_OVER);
    assertThat(moved.reason().rule()).isEqualTo("failover-protection");
  }

  @Test
  void withoutProtectionStaysOnItsAssignedBackend() {
    DiversionSettings sale =
        new DiversionSettings(
            Backend.SCF, List.of(), Optional.empty(), false, Settings.guards(4), Optional.empty());
    RouteDriver d = start(sale, ON_SCF);

    d.observeFor(Duration.ofMinutes(5), SECOND, UP, DOWN);

    assertThat(d.shifts()).isEmpty();
  }

  @Test
  void unknownScfHoldsTheWindowStart() {
    RouteDriver d = start(shop(List.of(FLASH_SALE), Optional.empty(), Optional.empty()), ON_CVM);

    d.observeFor(Duration.ofMinutes(30), SECOND, UP, UNKNOWN);

    assertThat(d.split()).isEqualTo(ON_CVM);
    assertThat(d.decisions().getLast().reason().rule()).isEqualTo("unknown-holds");
  }
}
