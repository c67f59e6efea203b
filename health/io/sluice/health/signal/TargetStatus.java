package io.sluice.health.signal;

/**
 * The CLB's health verdict for one target ({@code HealthStatusDetail}). Only {@link #ALIVE}
 * receives traffic; {@link #UNKNOWN} covers "not probed yet", so a fresh target is not Alive.
 */
public enum TargetStatus {
  ALIVE("Alive"),
  DEAD("Dead"),
  UNKNOWN("Unknown"),
  /** Health checking is off or the listener is stopped. */
  CLOSE("Close");

  private final String wire;

  TargetStatus(String wire) {
    this.wire = wire;
  }

  /**
   * From {@code HealthStatusDetail}, else the deprecated misspelled {@code HealthStatusDetial},
   * else the boolean {@code HealthStatus} (older answers carry only that).
   */
  static TargetStatus of(String detail, String misspelledDetail, Boolean healthy) {
    for (String text : new String[] {detail, misspelledDetail}) {
      if (text == null) {
        continue;
      }
      for (TargetStatus status : values()) {
        if (status.wire.equalsIgnoreCase(text)) {
          return status;
        }
      }
    }
    return Boolean.TRUE.equals(healthy) ? ALIVE : UNKNOWN;
  }

  @Override
  public String toString() {
    return wire;
  }
}
