package io.sluice.sandbox.dataplane;

import io.sluice.sandbox.dataplane.clb.ClbTriggerSettings;
import io.sluice.sandbox.dataplane.clb.HealthCheckSettings;
import io.sluice.sandbox.dataplane.clb.VipSettings;
import io.sluice.sandbox.dataplane.functions.FunctionRuntimeSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Every knob of the sandbox data plane in one immutable value, with defaults that behave like the
 * real services and can be made fast for tests.
 *
 * @param fleetReconcileInterval how often CVM servers are brought in line with the registry (an
 *     explicit {@link DataPlane#reconcileInstances()} is immediate)
 * @param dnsSeed the seed of the DNS server's weighted draw, for repeatable runs
 */
public record DataPlaneSettings(
    VipSettings vip,
    HealthCheckSettings healthCheck,
    ClbTriggerSettings clbTrigger,
    FunctionRuntimeSettings functions,
    Duration fleetReconcileInterval,
    long dnsSeed) {

  public static final Duration DEFAULT_FLEET_RECONCILE_INTERVAL = Duration.ofMillis(500);
  public static final long DEFAULT_DNS_SEED = 20261123L;

  public static final DataPlaneSettings DEFAULTS =
      new DataPlaneSettings(
          VipSettings.DEFAULTS,
          HealthCheckSettings.DEFAULTS,
          ClbTriggerSettings.DEFAULTS,
          FunctionRuntimeSettings.DEFAULTS,
          DEFAULT_FLEET_RECONCILE_INTERVAL,
          DEFAULT_DNS_SEED);

  public DataPlaneSettings {
    Objects.requireNonNull(vip, "vip");
    Objects.requireNonNull(healthCheck, "healthCheck");
    Objects.requireNonNull(clbTrigger, "clbTrigger");
    Objects.requireNonNull(functions, "functions");
    if (fleetReconcileInterval == null
        || fleetReconcileInterval.isNegative()
        || fleetReconcileInterval.isZero()) {
      throw new IllegalArgumentException(
          "fleetReconcileInterval: must be positive, got " + fleetReconcileInterval);
    }
  }

  public DataPlaneSettings withVip(VipSettings value) {
    return new DataPlaneSettings(
        value, healthCheck, clbTrigger, functions, fleetReconcileInterval, dnsSeed);
  }

  public DataPlaneSettings withHealthCheck(HealthCheckSettings value) {
    return new DataPlaneSettings(
        vip, value, clbTrigger, functions, fleetReconcileInterval, dnsSeed);
  }

  public DataPlaneSettings withClbTrigger(ClbTriggerSettings value) {
    return new DataPlaneSettings(
        vip, healthCheck, value, functions, fleetReconcileInterval, dnsSeed);
  }
}
