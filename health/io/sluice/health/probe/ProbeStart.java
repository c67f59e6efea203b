package io.sluice.health.probe;

/** When a probe was planned to start and when it did, in monotonic nanos. */
public record ProbeStart(long plannedNanos, long startedNanos) {

  /** How late the probe started; compared by subtraction, so it survives the clock wrapping. */
  public long lagNanos() {
    return startedNanos - plannedNanos;
  }
}
