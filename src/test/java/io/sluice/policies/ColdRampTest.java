package io.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The cold ramp: how traffic moves to an SCF whose pre-warm could not complete. */
final class ColdRampTest {
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ON_SCF = TrafficSplit.allOn(Backend.SCF);

  @Test
  void aFailoverClimbsItsFailbackStepsTheOtherWay() {
    FailoverSettings settings =
        new FailoverSettings(
            Backend.CVM,
            Duration.ZERO,
            new FailoverSettings.Failback(
                Duration.ofMinutes(5), List.of(20, 60, 100), Duration.ofSeconds(45)),
            Safeguards.DEFAULT,
            Optional.empty());
    ColdRamp ramp = ColdRamp.of(settings);

    assertThat(ramp.every()).isEqualTo(Duration.ofSeconds(45));
    assertThat(climb(ramp, ON_CVM, ON_SCF))
        .containsExactly(
            TrafficSplit.of(Backend.SCF, 20), TrafficSplit.of(Backend.SCF, 60), ON_SCF);
  }

  @Test
  void aDiversionClimbsItsSpillSteps() {
    DiversionSettings settings =
        new DiversionSettings(
            Backend.CVM,
            List.of(),
            Optional.of(
                new DiversionSettings.Spill(
                    0.8, 0.5, Duration.ZERO, 40, Duration.ofSeconds(10), 60)),
            false,
            Safeguards.DEFAULT,
            Optional.empty());

    assertThat(ColdRamp.of(settings).steps()).containsExactly(40, 80, 100);
  }

  @Test
  void aStepTheCloudCouldNotExpressStillCountsSoTheRampGoesOn() {
    ColdRamp ramp = new ColdRamp(List.of(10, 50, 100), Duration.ofSeconds(30));

    // clb-rule without mixed targets reads 90/10 back as all on CVM
    assertThat(ramp.next(ON_CVM, 10, ON_SCF)).isEqualTo(TrafficSplit.of(Backend.SCF, 50));
    assertThat(ramp.next(ON_CVM, 50, ON_SCF)).isEqualTo(ON_SCF);
  }

  @Test
  void aMoveThatDoesNotRaiseScfIsNotRamped() {
    ColdRamp ramp = new ColdRamp(List.of(10, 50, 100), Duration.ofSeconds(30));

    assertThat(ramp.next(ON_SCF, 0, ON_CVM)).isEqualTo(ON_CVM);
    assertThat(ramp.next(TrafficSplit.of(Backend.SCF, 50), 50, TrafficSplit.of(Backend.SCF, 30)))
        .isEqualTo(TrafficSplit.of(Backend.SCF, 30));
  }

  @Test
  void stepsMustRiseAndEndAt100() {
    assertThatThrownBy(() -> new ColdRamp(List.of(50, 10, 100), Duration.ZERO))
        .hasMessageContaining("coldRamp.steps: must rise strictly within 1-100, got [50, 10, 100]");
    assertThatThrownBy(() -> new ColdRamp(List.of(10, 50), Duration.ZERO))
        .hasMessageContaining("must end at 100, got [10, 50]");
  }

  /**
   * From any split toward any split with more SCF: every step raises SCF's share, none passes the
   * desired split, the last is the desired split, and there are never more steps than the ramp has.
   */
  @Property(tries = 500)
  void everyRampRisesMonotonicallyAndEndsAtTheDesiredSplit(
      @ForAll("ramps") ColdRamp ramp,
      @ForAll @IntRange(min = 0, max = 99) int fromScf,
      @ForAll @IntRange(min = 1, max = 100) int extra) {
    TrafficSplit from = TrafficSplit.of(Backend.SCF, fromScf);
    TrafficSplit desired = TrafficSplit.of(Backend.SCF, Math.min(100, fromScf + extra));

    List<TrafficSplit> steps = climb(ramp, from, desired);

    assertThat(steps).isNotEmpty().hasSizeLessThanOrEqualTo(ramp.steps().size());
    assertThat(steps.getLast()).isEqualTo(desired);
    int previous = fromScf;
    for (TrafficSplit step : steps) {
      assertThat(step.weight(Backend.SCF)).isGreaterThan(previous);
      assertThat(step.weight(Backend.SCF)).isLessThanOrEqualTo(desired.weight(Backend.SCF));
      previous = step.weight(Backend.SCF);
    }
  }

  @Provide
  Arbitrary<ColdRamp> ramps() {
    return Arbitraries.integers()
        .between(1, 99)
        .set()
        .ofMaxSize(6)
        .map(
            set -> {
              List<Integer> steps = new ArrayList<>(new TreeSet<>(set));
              steps.add(100);
              return new ColdRamp(steps, Duration.ofSeconds(1));
            });
  }

  /** Applies the ramp until it reaches {@code desired}, as the cloud would carry each step. */
  private static List<TrafficSplit> climb(ColdRamp ramp, TrafficSplit from, TrafficSplit desired) {
    List<TrafficSplit> steps = new ArrayList<>();
    TrafficSplit at = from;
    int reached = 0;
    for (int i = 0; i < 101 && !at.equals(desired); i++) {
      at = ramp.next(at, reached, desired);
      reached = at.weight(Backend.SCF);
      steps.add(at);
    }
    return steps;
  }
}
