package io.sluice.sandbox.dataplane.clb;

import java.time.Duration;

/**
 * How a VIP forwards to real servers.
 *
 * @param connectTimeout giving up on a real server that does not accept (then 504); it also bounds
 *     the wait for a free pooled connection to that server
 * @param responseTimeout giving up on a real server that accepted but has not answered completely
 *     within this time, silent or trickling (then 504); the CLB's default is 60 s
 * @param noTargetStatus the status when a rule has no target with weight above zero (UNCONFIRMED)
 */
public record VipSettings(Duration connectTimeout, Duration responseTimeout, int noTargetStatus) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(4);
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_NO_TARGET_STATUS = 503;

  public static final VipSettings DEFAULTS =
      new VipSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT, DEFAULT_NO_TARGET_STATUS);

  public VipSettings {
    HealthCheckSettings.requirePositive("connectTimeout", connectTimeout);
    HealthCheckSettings.requirePositive("responseTimeout", responseTimeout);
  }
}
