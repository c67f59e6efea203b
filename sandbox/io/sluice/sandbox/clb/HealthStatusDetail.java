package io.sluice.sandbox.clb;

/**
 * CLB's health verdict for one target, as {@code DescribeTargetHealth} spells it in {@code
 * HealthStatusDetail}. Only {@link #ALIVE} maps to {@code HealthStatus: true}.
 */
public enum HealthStatusDetail {
  /** Healthy. */
  ALIVE("Alive"),
  /** Unhealthy. */
  DEAD("Dead"),
  /** Not probed yet, probing, or unknown. */
  UNKNOWN("Unknown"),
  /** Health check off or listener stopped. */
  CLOSE("Close");

  private final String wire;

  HealthStatusDetail(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean healthy() {
    return this == ALIVE;
  }
}
