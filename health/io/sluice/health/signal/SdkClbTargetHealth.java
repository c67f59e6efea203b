package io.sluice.health.signal;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetHealthRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetHealthResponse;
import com.tencentcloudapi.clb.v20180317.models.ListenerHealth;
import com.tencentcloudapi.clb.v20180317.models.LoadBalancerHealth;
import com.tencentcloudapi.clb.v20180317.models.RuleHealth;
import com.tencentcloudapi.clb.v20180317.models.TargetHealth;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.ClbRule;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link ClbTargetHealth} through the SDK's ClbClient, behind the DescribeTargetHealth guard. A
 * rule missing from the answer is a failed read (a configuration or API problem), not a Down.
 */
public final class SdkClbTargetHealth implements ClbTargetHealth {
  private final ClbClient clb;
  private final ActionGuard guard;
  private final double minAliveFraction;

  /**
   * @param minAliveFraction Up needs more than this share of weighted targets Alive; 0 means at
   *     least one
   */
  public SdkClbTargetHealth(CloudClients clients, CloudGuards guards, double minAliveFraction) {
    if (!(minAliveFraction >= 0 && minAliveFraction < 1)) {
      throw new IllegalArgumentException(
          "minAliveFraction: must be in [0, 1), got " + minAliveFraction);
    }
    this.clb = clients.clb();
    this.guard = guards.guard(CloudAction.DESCRIBE_TARGET_HEALTH);
    this.minAliveFraction = minAliveFraction;
  }

  /** Up when at least one weighted target is Alive. */
  public SdkClbTargetHealth(CloudClients clients, CloudGuards guards) {
    this(clients, guards, 0);
  }

  @Override
  public Future<ClbRuleHealth> read(ClbRule rule) {
    Objects.requireNonNull(rule, "rule");
    return guard.call(() -> describe(rule));
  }

  @Override
  public Future<ProbeOutcome> check(ClbRule rule) {
    Objects.requireNonNull(rule, "rule");
    return SignalOutcomes.check(
        guard,
        () -> describe(rule),
        (health, latency) -> health.outcome(minAliveFraction, latency));
  }

  private ClbRuleHealth describe(ClbRule rule) throws TencentCloudSDKException {
    DescribeTargetHealthRequest request = new DescribeTargetHealthRequest();
    request.setLoadBalancerIds(new String[] {rule.loadBalancerId()});
    request.setListenerIds(new String[] {rule.listenerId()});
    rule.locationId().ifPresent(id -> request.setLocationIds(new String[] {id}));
    DescribeTargetHealthResponse response = clb.DescribeTargetHealth(request);
    RuleHealth found = find(response, rule);
    if (found == null) {
      throw new TencentCloudSDKException(
          "rule " + rule + " not in the DescribeTargetHealth answer",
          response.getRequestId(),
          "Sluice.RuleNotInAnswer");
    }
    List<TargetState> targets = new ArrayList<>();
    for (TargetHealth target : nonNull(found.getTargets(), new TargetHealth[0])) {
      targets.add(
          new TargetState(
              target.getTargetId() == null ? String.valueOf(target.getIP()) : target.getTargetId(),
              String.valueOf(target.getIP()),
              target.getPort() == null ? 0 : target.getPort(),
              // an answer without Weight (older API versions) is taken as weighted
              target.getWeight() == null ? 1 : target.getWeight(),
              TargetStatus.of(
                  target.getHealthStatusDetail(),
                  target.getHealthStatusDetial(),
                  target.getHealthStatus())));
    }
    return new ClbRuleHealth(rule, targets);
  }

  private static RuleHealth find(DescribeTargetHealthResponse response, ClbRule rule) {
    for (LoadBalancerHealth lb : nonNull(response.getLoadBalancers(), new LoadBalancerHealth[0])) {
      if (!rule.loadBalancerId().equals(lb.getLoadBalancerId())) {
        continue;
      }
      for (ListenerHealth listener : nonNull(lb.getListeners(), new ListenerHealth[0])) {
        if (!rule.listenerId().equals(listener.getListenerId())) {
          continue;
        }
        for (RuleHealth candidate : nonNull(listener.getRules(), new RuleHealth[0])) {
          if (rule.is(candidate.getLocationId(), candidate.getDomain(), candidate.getUrl())) {
            return candidate;
          }
        }
      }
    }
    return null;
  }

  private static <T> T nonNull(T value, T empty) {
    return value == null ? empty : value;
  }
}
