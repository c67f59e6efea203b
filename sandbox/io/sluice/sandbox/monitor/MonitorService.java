package io.sluice.sandbox.monitor;

import io.sluice.sandbox.api.ServiceDefinition;
import io.sluice.sandbox.api.ServiceDefinition.Action;
import java.time.Clock;
import java.util.Map;

/**
 * Assembles the emulated Cloud Monitor API (version 2018-07-24): {@code GetMonitorData} only, at
 * the documented 20 calls per second, over the CLB traffic the data plane feeds into {@link
 * TrafficStats}.
 */
public final class MonitorService {
  public static final String SERVICE = "monitor";
  public static final String VERSION = "2018-07-24";

  private MonitorService() {}

  public static ServiceDefinition definition(
      TrafficStats stats, MonitorSettings settings, Clock clock) {
    return new ServiceDefinition(
        SERVICE,
        VERSION,
        true,
        Map.of("GetMonitorData", Action.read(20, new GetMonitorData(stats, settings, clock))));
  }
}
