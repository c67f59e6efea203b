package io.sluice.sandbox.monitor;

/**
 * Settings of the emulated {@code GetMonitorData}.
 *
 * @param maxInstances instances per request; the docs disagree (zh 50, en 10, UNCONFIRMED), the
 *     default takes the stricter 10
 * @param maxPoints data points per instance; again zh 7200, en 1440, default the stricter 1440
 * @param publishOpenPeriod whether the period still in progress is reported; Cloud Monitor
 *     publishes with a delay, so by default (false) only closed periods are reported
 */
public record MonitorSettings(int maxInstances, int maxPoints, boolean publishOpenPeriod) {
  public static final int DEFAULT_MAX_INSTANCES = 10;
  public static final int DEFAULT_MAX_POINTS = 1440;
  public static final boolean DEFAULT_PUBLISH_OPEN_PERIOD = false;

  public MonitorSettings {
    if (maxInstances < 1 || maxPoints < 1) {
      throw new IllegalArgumentException(
          "maxInstances and maxPoints: must be at least 1, got " + maxInstances + ", " + maxPoints);
    }
  }

  public static MonitorSettings defaults() {
    return new MonitorSettings(
        DEFAULT_MAX_INSTANCES, DEFAULT_MAX_POINTS, DEFAULT_PUBLISH_OPEN_PERIOD);
  }
}
