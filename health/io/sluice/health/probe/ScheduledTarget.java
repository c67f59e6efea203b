package io.sluice.health.probe;

import io.sluice.health.ProbeResult;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One target's fixed-size schedule state. The schedule fields are touched only on its lane; {@code
 * transitioning} is read from the board's state on the scheduler's context after every result, so
 * that the lane never reads the single-threaded board, and set on the lane at once when a result
 * turns (Up after Down or Down after Up), before the board has seen it.
 */
final class ScheduledTarget {
  final String name;
  final ProbeSpec spec;
  // the spec while the check is changing state: its own, usually shorter, timeout
  final ProbeSpec fastSpec;
  final ProbeCadence cadence;
  final BooleanSupplier transitioningCheck;
  final Consumer<ProbeResult> results;
  final ProbeLane lane;
  long plannedNanos;
  // in its lane's queue
  boolean armed;
  boolean inFlight;
  long inFlightSinceNanos;
  ProbeSpec inFlightSpec;
  // whether the last Up or Down result was an Up; null before the first
  Boolean lastUp;
  volatile boolean transitioning;
  volatile boolean removed;
  volatile ProbeStart lastStart;
  // results numbered on the lane as they are taken, and the last number consumed on the deciding
  // context: a gap means results in between were shed
  long taken;
  long consumed;

  ScheduledTarget(
      String name,
      ProbeSpec spec,
      BooleanSupplier transitioningCheck,
      Consumer<ProbeResult> results,
      ProbeLane lane) {
    this.name = name;
    this.spec = spec;
    this.fastSpec = spec.fast();
    this.cadence = ProbeCadence.of(spec);
    this.transitioningCheck = transitioningCheck;
    this.results = results;
    this.lane = lane;
  }
}
