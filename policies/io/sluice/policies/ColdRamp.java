package io.sluice.policies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How traffic moves to an SCF backend whose pre-warm could not complete: in steps instead of all at
 * once, so that cold instances meet a fraction of the load first while they start, and never not at
 * all (a primary that is DOWN serves nothing). A failover route climbs its failback steps the other
 * way (SCF's share goes through them), one every {@code failback.stepEvery}; a diversion route
 * climbs its spill steps, or the default failback steps without a spill.
 *
 * <p>A pure function: the caller keeps the share reached and the time of the last step.
 *
 * @param steps SCF shares in percent, rising, ending at 100
 * @param every the least time between two steps
 */
public record ColdRamp(List<Integer> steps, Duration every) {

  public ColdRamp {
    steps = Requirements.percentSteps("coldRamp.steps", steps);
    Requirements.nonNegative("coldRamp.every", every);
  }

  /** The ramp a route's settings give. */
  public static ColdRamp of(PolicySettings settings) {
    return switch (settings) {
      case FailoverSettings f -> new ColdRamp(f.failback().steps(), f.failback().stepEvery());
      case DiversionSettings d ->
          d.spill()
              .map(s -> new ColdRamp(spillSteps(s.stepPercent()), s.stepEvery()))
              .orElse(
                  new ColdRamp(
                      FailoverSettings.Failback.DEFAULT_STEPS,
                      FailoverSettings.Failback.DEFAULT_STEP_EVERY));
    };
  }

  private static List<Integer> spillSteps(int stepPercent) {
    List<Integer> steps = new ArrayList<>();
    for (int s = stepPercent; s < 100; s += stepPercent) {
      steps.add(s);
    }
    steps.add(100);
    return steps;
  }

  /**
   * The next split on the way from {@code reached} to {@code desired}: SCF's share raised to the
   * first step above both what the route carries and what the ramp already reached, never beyond
   * {@code desired}. A split that does not raise SCF's share is returned as it is: only the way to
   * a cold SCF is ramped.
   *
   * @param reachedScf the highest SCF share this ramp has applied so far (0 before the first step);
   *     it counts even when the cloud could only express a coarser split
   */
  public TrafficSplit next(TrafficSplit actual, int reachedScf, TrafficSplit desired) {
    int from = Math.max(actual.weight(Backend.SCF), reachedScf);
    int wanted = desired.weight(Backend.SCF);
    if (wanted <= actual.weight(Backend.SCF)) {
      return desired;
    }
    int step = steps.stream().filter(s -> s > from).findFirst().orElse(100);
    return step >= wanted ? desired : TrafficSplit.of(Backend.SCF, step);
  }
}
