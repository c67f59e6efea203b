package io.sluice.health.signal;

import io.sluice.cloud.ClbRule;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;

/** Cloud Monitor's per-rule traffic (GetMonitorData in {@code QCE/LOADBALANCE}). */
public interface RuleTraffic {

  /**
   * The latest complete period's load on a rule; fails with the SDK's exception, or with a {@link
   * com.tencentcloudapi.common.exception.TencentCloudSDKException} coded {@code
   * Sluice.NoMonitorData} when Cloud Monitor has no point for it yet.
   */
  Future<RuleLoad> read(Query query);

  /**
   * A rule as Cloud Monitor's dimensions address it.
   *
   * @param vip the CLB's address, the {@code vip} dimension
   * @param period 60 s or 300 s, the reporting periods {@code QCE/LOADBALANCE} offers
   */
  record Query(ClbRule rule, String vip, Duration period) {
    public Query {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(vip, "vip");
      Objects.requireNonNull(period, "period");
      if (!period.equals(Duration.ofSeconds(60)) && !period.equals(Duration.ofSeconds(300))) {
        throw new IllegalArgumentException(
            "period: Cloud Monitor reports QCE/LOADBALANCE every 60s or 300s, got " + period);
      }
    }
  }
}
