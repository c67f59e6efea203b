package io.sluice.health.probe;

import io.sluice.health.ProbeResult;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** One target's fixed-size schedule state; touched only on the scheduler's context. */
final class ScheduledTarget {
  final String name;
  final ProbeSpec spec;
  final ProbeCadence cadence;
  final BooleanSupplier transitioning;
  final Consumer<ProbeResult> results;
  long plannedNanos;
  long timerId = -1;
  boolean inFlight;
  long inFlightSinceNanos;
  boolean removed;
  volatile ProbeStart lastStart;

  ScheduledTarget(
      String name, ProbeSpec spec, BooleanSupplier transitioning, Consumer<ProbeResult> results) {
    this.name = name;
    this.spec = spec;
    this.cadence = ProbeCadence.of(spec);
    this.transitioning = transitioning;
    this.results = results;
  }
}
