package io.sluice.health.signal;

import io.sluice.cloud.ClbRule;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;

/**
 * The CLB's own health check of a rule's targets (DescribeTargetHealth): a second vantage point
 * that tells a backend outage from a partition between the controller and the backend.
 */
public interface ClbTargetHealth {

  /** The rule's targets as the CLB sees them; fails with the SDK's exception. */
  Future<ClbRuleHealth> read(ClbRule rule);

  /** Up, Down CLOUD_REPORTED_UNHEALTHY, or Inconclusive when the read failed; never fails. */
  Future<ProbeOutcome> check(ClbRule rule);
}
