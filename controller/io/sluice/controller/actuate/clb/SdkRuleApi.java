package io.sluice.controller.actuate.clb;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.Backend;
import com.tencentcloudapi.clb.v20180317.models.DeregisterFunctionTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.DeregisterTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetsResponse;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusResponse;
import com.tencentcloudapi.clb.v20180317.models.Filter;
import com.tencentcloudapi.clb.v20180317.models.FunctionInfo;
import com.tencentcloudapi.clb.v20180317.models.FunctionTarget;
import com.tencentcloudapi.clb.v20180317.models.ListenerBackend;
import com.tencentcloudapi.clb.v20180317.models.ModifyFunctionTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.ModifyTargetWeightRequest;
import com.tencentcloudapi.clb.v20180317.models.RegisterFunctionTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.RegisterTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.RuleTargets;
import com.tencentcloudapi.clb.v20180317.models.Target;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.sluice.cloud.ClbRule;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudGuards;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The CLB calls of one rule through the official SDK, each behind its action's guard (rate limit,
 * retry of retryable codes, circuit breaker, call budget). Maps the SDK's models to {@link
 * RuleBackends} and {@link RuleStep}s and back; decides nothing.
 */
final class SdkRuleApi implements RuleApi {
  /** The documented default weight of a binding that does not say (reference §3.3). */
  private static final long DEFAULT_WEIGHT = 10;

  /**
   * A write that got no answer (refused, reset, timed out): it may still have been applied. Thrown
   * instead of the SDK's exception so that the guard, which retries network errors for reads, never
   * sends the write a second time.
   */
  static final class AnswerLost extends RuntimeException {
    AnswerLost(TencentCloudSDKException cause) {
      super("no answer: " + cause.getCause(), cause);
    }
  }

  private final ClbClient clb;
  private final CloudGuards guards;
  private final ClbRule rule;

  SdkRuleApi(ClbClient clb, CloudGuards guards, ClbRule rule) {
    this.clb = clb;
    this.guards = guards;
    this.rule = rule;
  }

  @Override
  public ClbRule rule() {
    return rule;
  }

  @Override
  public Future<RuleBackends> describe() {
    return guards.guard(CloudAction.DESCRIBE_TARGETS).call(this::describeNow);
  }

  @Override
  public Future<String> write(RuleStep step) {
    return guards.guard(step.action()).call(() -> writeOnce(step));
  }

  @Override
  public Future<TaskState> taskStatus(String taskId) {
    return guards
        .guard(CloudAction.DESCRIBE_TASK_STATUS)
        .call(
            () -> {
              DescribeTaskStatusRequest request = new DescribeTaskStatusRequest();
              request.setTaskId(taskId);
              DescribeTaskStatusResponse response = clb.DescribeTaskStatus(request);
              return new TaskState(
                  response.getStatus() == null ? -1 : response.getStatus(),
                  response.getMessage() == null ? "" : response.getMessage());
            });
  }

  private RuleBackends describeNow() throws TencentCloudSDKException {
    DescribeTargetsRequest request = new DescribeTargetsRequest();
    request.setLoadBalancerId(rule.loadBalancerId());
    request.setListenerIds(new String[] {rule.listenerId()});
    rule.locationId()
        .ifPresent(
            id -> {
              Filter byLocation = new Filter();
              byLocation.setName("location-id");
              byLocation.setValues(new String[] {id});
              request.setFilters(new Filter[] {byLocation});
            });
    DescribeTargetsResponse response = clb.DescribeTargets(request);
    for (ListenerBackend listener : orEmpty(response.getListeners(), new ListenerBackend[0])) {
      if (!rule.listenerId().equals(listener.getListenerId())) {
        continue;
      }
      for (RuleTargets candidate : orEmpty(listener.getRules(), new RuleTargets[0])) {
        if (rule.is(candidate.getLocationId(), candidate.getDomain(), candidate.getUrl())) {
          return backendsOf(candidate, response.getRequestId());
        }
      }
    }
    throw new TencentCloudSDKException(
        "rule " + rule + " is not in the DescribeTargets answer",
        response.getRequestId(),
        "Sluice.RuleNotInAnswer");
  }

  private RuleBackends backendsOf(RuleTargets found, String requestId)
      throws TencentCloudSDKException {
    List<CvmTarget> targets = new ArrayList<>();
    for (Backend target : orEmpty(found.getTargets(), new Backend[0])) {
      if (target.getInstanceId() == null || target.getPort() == null) {
        throw new TencentCloudSDKException(
            "rule " + rule + " has a target bound by IP, not by instance; Sluice cannot move it",
            requestId,
            "Sluice.UnsupportedTarget");
      }
      targets.add(
          new CvmTarget(
              target.getInstanceId(),
              Math.toIntExact(target.getPort()),
              Math.toIntExact(orDefault(target.getWeight()))));
    }
    FunctionTarget[] functions = orEmpty(found.getFunctionTargets(), new FunctionTarget[0]);
    if (functions.length > 1) {
      throw new TencentCloudSDKException(
          "rule " + rule + " has " + functions.length + " functions; CLB documents one per rule",
          requestId,
          "Sluice.SeveralFunctions");
    }
    Optional<FunctionBinding> function = Optional.empty();
    if (functions.length == 1) {
      FunctionInfo info = functions[0].getFunction();
      function =
          Optional.of(
              new FunctionBinding(
                  info.getFunctionNamespace(),
                  info.getFunctionName(),
                  info.getFunctionQualifier(),
                  Math.toIntExact(orDefault(functions[0].getWeight()))));
    }
    return new RuleBackends(targets, function);
  }

  private String writeOnce(RuleStep step) throws TencentCloudSDKException {
    try {
      return send(step);
    } catch (TencentCloudSDKException e) {
      boolean noAnswer =
          (e.getErrorCode() == null || e.getErrorCode().isEmpty())
              && e.getCause() instanceof IOException;
      if (noAnswer) {
        throw new AnswerLost(e);
      }
      throw e;
    }
  }

  private String send(RuleStep step) throws TencentCloudSDKException {
    return switch (step) {
      case RuleStep.RegisterTargets s -> {
        RegisterTargetsRequest r = new RegisterTargetsRequest();
        place(r::setLoadBalancerId, r::setListenerId, r::setLocationId, r::setDomain, r::setUrl);
        r.setTargets(targets(s.targets(), true));
        yield clb.RegisterTargets(r).getRequestId();
      }
      case RuleStep.ModifyTargetWeight s -> {
        ModifyTargetWeightRequest r = new ModifyTargetWeightRequest();
        place(r::setLoadBalancerId, r::setListenerId, r::setLocationId, r::setDomain, r::setUrl);
        r.setTargets(targets(s.targets(), true));
        yield clb.ModifyTargetWeight(r).getRequestId();
      }
      case RuleStep.DeregisterTargets s -> {
        DeregisterTargetsRequest r = new DeregisterTargetsRequest();
        place(r::setLoadBalancerId, r::setListenerId, r::setLocationId, r::setDomain, r::setUrl);
        r.setTargets(targets(s.targets(), false));
        yield clb.DeregisterTargets(r).getRequestId();
      }
      case RuleStep.RegisterFunction s -> {
        RegisterFunctionTargetsRequest r = new RegisterFunctionTargetsRequest();
        place(r::setLoadBalancerId, r::setListenerId, r::setLocationId, r::setDomain, r::setUrl);
        r.setFunctionTargets(new FunctionTarget[] {function(s.function())});
        yield clb.RegisterFunctionTargets(r).getRequestId();
      }
      case RuleStep.ModifyFunction s -> {
        ModifyFunctionTargetsRequest r = new ModifyFunctionTargetsRequest();
        place(r::setLoadBalancerId, r::setListenerId, r::setLocationId, r::setDomain, r::setUrl);
        r.setFunctionTargets(new FunctionTarget[] {function(s.function())});
        yield clb.ModifyFunctionTargets(r).getRequestId();
      }
      case RuleStep.DeregisterFunction s -> {
        DeregisterFunctionTargetsRequest r = new DeregisterFunctionTargetsRequest();
        place(r::setLoadBalancerId, r::setListenerId, r::setLocationId, r::setDomain, r::setUrl);
        r.setFunctionTargets(new FunctionTarget[] {function(s.function())});
        yield clb.DeregisterFunctionTargets(r).getRequestId();
      }
    };
  }

  /** Names the rule in a write: by LocationId when known (CLB then ignores Domain and Url). */
  private void place(
      Consumer<String> loadBalancerId,
      Consumer<String> listenerId,
      Consumer<String> locationId,
      Consumer<String> domain,
      Consumer<String> url) {
    loadBalancerId.accept(rule.loadBalancerId());
    listenerId.accept(rule.listenerId());
    if (rule.locationId().isPresent()) {
      locationId.accept(rule.locationId().get());
    } else {
      domain.accept(rule.domain().orElseThrow());
      url.accept(rule.url().orElseThrow());
    }
  }

  private static Target[] targets(List<CvmTarget> targets, boolean withWeight) {
    return targets.stream()
        .map(
            t -> {
              Target target = new Target();
              target.setInstanceId(t.instanceId());
              target.setPort((long) t.port());
              if (withWeight) {
                target.setWeight((long) t.weight());
              }
              return target;
            })
        .toArray(Target[]::new);
  }

  private static FunctionTarget function(FunctionBinding binding) {
    FunctionInfo info = new FunctionInfo();
    info.setFunctionNamespace(binding.namespace());
    info.setFunctionName(binding.name());
    info.setFunctionQualifier(binding.qualifier());
    FunctionTarget target = new FunctionTarget();
    target.setFunction(info);
    target.setWeight((long) binding.weight());
    return target;
  }

  private static long orDefault(Long weight) {
    return weight == null ? DEFAULT_WEIGHT : weight;
  }

  private static <T> T orEmpty(T value, T empty) {
    return value == null ? empty : value;
  }
}
