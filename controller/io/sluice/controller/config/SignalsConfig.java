package io.sluice.controller.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/**
 * The cloud's own views of a backend, read through the cloud API beside the probes. Each one that
 * is present is read; a signal that fails is Inconclusive, and a signal only ever makes a backend
 * DOWN (its UP or silence changes nothing), so a throttled or failing control plane cannot move
 * traffic.
 */
public final class SignalsConfig {
  private SignalsConfig() {}

  /** Check names of the signals, unique beside the backend's probe names. */
  public static final String CLB_TARGET_HEALTH = "clb-target-health";

  public static final String INSTANCE_STATE = "instance-state";
  public static final String FUNCTION_STATE = "function-state";

  /**
   * The signals of a CVM backend.
   *
   * @param clbTargetHealth CLB's health check of the rule's targets (DescribeTargetHealth): DOWN
   *     when no target with weight above 0 is Alive
   * @param instanceState the CVM state of the rule's instances (DescribeInstancesStatus): DOWN when
   *     none is RUNNING
   * @param load Cloud Monitor's request, 5xx and latency figures on the rule
   */
  public record Cvm(
      Optional<ClbSignal> clbTargetHealth, Optional<Signal> instanceState, Optional<Load> load) {}

  /**
   * The signals of an SCF backend.
   *
   * @param functionState the function's status and type (GetFunction): DOWN unless Active and Event
   * @param load Cloud Monitor's request, 5xx and latency figures on the rule
   */
  public record Scf(Optional<Signal> functionState, Optional<Load> load) {}

  /**
   * One signal's schedule and thresholds.
   *
   * @param interval how often to read it; every read is a billed or rate-limited API call
   */
  public record Signal(Duration interval, @Min(1) @Max(100) int fall, @Min(1) @Max(100) int rise) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_FALL = 2;
    public static final int DEFAULT_RISE = 2;
  }

  /**
   * CLB's health check of the rule's targets.
   *
   * @param holdWhenAlive when the probes say DOWN but CLB sees a weighted target Alive, suspect the
   *     probes' own path and hold (UNKNOWN) instead of failing over
   */
  public record ClbSignal(
      Duration interval,
      @Min(1) @Max(100) int fall,
      @Min(1) @Max(100) int rise,
      boolean holdWhenAlive) {
    public static final Duration DEFAULT_INTERVAL = Signal.DEFAULT_INTERVAL;
    public static final int DEFAULT_FALL = Signal.DEFAULT_FALL;
    public static final int DEFAULT_RISE = Signal.DEFAULT_RISE;
    public static final boolean DEFAULT_HOLD_WHEN_ALIVE = true;

    public Signal schedule() {
      return new Signal(interval, fall, rise);
    }
  }

  /**
   * Cloud Monitor's load on the backend's rule (GetMonitorData, {@code QCE/LOADBALANCE}).
   *
   * @param interval how often to read it; three billed calls per read
   * @param period the reporting period to read: 60s or 300s
   */
  public record Load(Duration interval, Duration period) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);
  }
}
