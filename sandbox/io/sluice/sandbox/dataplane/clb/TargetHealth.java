package io.sluice.sandbox.dataplane.clb;

/**
 * A CLB target's health as {@code DescribeTargetHealth} spells it in {@code HealthStatusDetail}
 * (reference 3.4); {@code Close} is the control plane's business (health check off).
 */
public enum TargetHealth {
  ALIVE("Alive"),
  DEAD("Dead"),
  UNKNOWN("Unknown");

  private final String detail;

  TargetHealth(String detail) {
    this.detail = detail;
  }

  /** The {@code HealthStatusDetail} string. */
  public String detail() {
    return detail;
  }

  /** The {@code HealthStatus} boolean: only Alive counts as healthy. */
  public boolean healthStatus() {
    return this == ALIVE;
  }
}
