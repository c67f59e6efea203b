package io.sluice.sandbox.contract;

import static io.sluice.sandbox.api.ApiServerFixture.assertErrorCode;
import static io.sluice.sandbox.contract.ContractWorld.CVM_RULE;
import static io.sluice.sandbox.contract.ContractWorld.EMPTY_RULE;
import static io.sluice.sandbox.contract.ContractWorld.HTTP_LISTENER;
import static io.sluice.sandbox.contract.ContractWorld.LB;
import static io.sluice.sandbox.contract.ContractWorld.SCF_RULE;
import static io.sluice.sandbox.contract.ContractWorld.TCP_LISTENER;
import static io.sluice.sandbox.contract.ContractWorld.awaitTask;
import static io.sluice.sandbox.contract.ContractWorld.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.Backend;
import com.tencentcloudapi.clb.v20180317.models.BatchModifyTargetWeightRequest;
import com.tencentcloudapi.clb.v20180317.models.DeregisterFunctionTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.DeregisterTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeListenersRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetHealthRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusResponse;
import com.tencentcloudapi.clb.v20180317.models.FunctionInfo;
import com.tencentcloudapi.clb.v20180317.models.FunctionTarget;
import com.tencentcloudapi.clb.v20180317.models.Listener;
import com.tencentcloudapi.clb.v20180317.models.ModifyFunctionTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.ModifyTargetWeightRequest;
import com.tencentcloudapi.clb.v20180317.models.RegisterFunctionTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.RegisterTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.RsWeightRule;
import com.tencentcloudapi.clb.v20180317.models.RuleOutput;
import com.tencentcloudapi.clb.v20180317.models.RuleTargets;
import com.tencentcloudapi.clb.v20180317.models.Target;
import com.tencentcloudapi.clb.v20180317.models.TargetHealth;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.sluice.testing.MutableNanos;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CLB actions as the official SDK's typed {@link ClbClient} sees them through a running
 * sandbox: reads, asynchronous writes and their tasks, function binding, and documented errors.
 * Each test gets its own world.
 */
final class ClbContractIT {
  private final List<ContractWorld> worlds = new ArrayList<>();

  @AfterEach
  void close() {
    worlds.forEach(ContractWorld::close);
  }

  private ClbClient clb(Map<String, String> settings) throws Exception {
    ContractWorld world = new ContractWorld(settings);
    worlds.add(world);
    return world.client(ClbClient.class);
  }

  private ClbClient clb() throws Exception {
    return clb(Map.of());
  }

  private ContractWorld world() {
    return worlds.getFirst();
  }

  @Test
  void describeListenersShowsTheListenersAndTheirRules() throws Exception {
    ClbClient clb = clb();
    DescribeListenersRequest req = new DescribeListenersRequest();
    req.setLoadBalancerId(LB);

    var res = clb.DescribeListeners(req);

    assertThat(res.getTotalCount()).isEqualTo(2L);
    Listener http = res.getListeners()[0];
    assertThat(http.getListenerId()).isEqualTo(HTTP_LISTENER);
    assertThat(http.getProtocol()).isEqualTo("HTTP");
    assertThat(http.getPort()).isEqualTo(80L);
    assertThat(http.getCreateTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    assertThat(http.getRules())
        .extracting(RuleOutput::getLocationId, RuleOutput::getDomain, RuleOutput::getUrl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CVM_RULE, "cvm.example.com", "/"),
            org.assertj.core.groups.Tuple.tuple(SCF_RULE, "scf.example.com", "/"),
            org.assertj.core.groups.Tuple.tuple(EMPTY_RULE, "empty.example.com", "/"));
    assertThat(http.getRules()[0].getListenerId()).isEqualTo(HTTP_LISTENER);
    assertThat(http.getRules()[1].getTargetType())
        .as("a function rule (sandbox choice)")
        .isEqualTo("NODE");
    Listener tcp = res.getListeners()[1];
    assertThat(tcp.getProtocol()).isEqualTo("TCP");
    assertThat(tcp.getPort()).isEqualTo(443L);
    assertThat(tcp.getRules()).isNull();
  }

  @Test
  void describeTargetsShowsCvmTargetsWithWeightsAndTheBoundFunction() throws Exception {
    ClbClient clb = clb();
    DescribeTargetsRequest req = new DescribeTargetsRequest();
    req.setLoadBalancerId(LB);

    var listeners = clb.DescribeTargets(req).getListeners();

    assertThat(listeners).hasSize(2);
    assertThat(listeners[0].getProtocol()).isEqualTo("HTTP");
    assertThat(listeners[0].getTargets()).isNull();
    assertThat(listeners[1].getRules()).isNull();
    assertThat(listeners[1].getTargets()).isEmpty();
    RuleTargets cvm = listeners[0].getRules()[0];
    assertThat(cvm.getLocationId()).isEqualTo(CVM_RULE);
    assertThat(cvm.getDomain()).isEqualTo("cvm.example.com");
    assertThat(cvm.getUrl()).isEqualTo("/");
    assertThat(cvm.getFunctionTargets()).isEmpty();
    assertThat(cvm.getTargets())
        .extracting(Backend::getType, Backend::getInstanceId, Backend::getPort, Backend::getWeight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CVM", "ins-cvm00001", 80L, 10L),
            org.assertj.core.groups.Tuple.tuple("CVM", "ins-cvm00002", 80L, 20L));
    assertThat(cvm.getTargets()[0].getPrivateIpAddresses()).containsExactly("10.0.1.1");
    RuleTargets scf = listeners[0].getRules()[1];
    assertThat(scf.getTargets()).isEmpty();
    assertThat(scf.getFunctionTargets()).hasSize(1);
    FunctionTarget fn = scf.getFunctionTargets()[0];
    assertThat(fn.getWeight()).isEqualTo(10L);
    assertThat(fn.getFunction().getFunctionNamespace()).isEqualTo("default");
    assertThat(fn.getFunction().getFunctionName()).isEqualTo("fn-static");
    assertThat(fn.getFunction().getFunctionQualifier()).isEqualTo("$LATEST");
  }

  @Test
  void aWriteRunsAsATaskThatLocksTheLoadBalancerAndShowsOnlyWhenDone() throws Exception {
    ClbClient clb = clb(Map.of("taskDuration", "2s"));

    String taskId =
        clb.RegisterTargets(register(CVM_RULE, target("ins-cvm00003", 8080, 30L))).getRequestId();

    assertThat(taskId).isNotBlank();
    DescribeTaskStatusRequest status = new DescribeTaskStatusRequest();
    status.setTaskId(taskId);
    DescribeTaskStatusResponse running = clb.DescribeTaskStatus(status);
    assertThat(running.getStatus()).isEqualTo(2L);
    assertThat(running.getLoadBalancerIds()).containsExactly(LB);
    assertErrorCode(
        () -> clb.ModifyTargetWeight(weight(CVM_RULE, target("ins-cvm00001", 80, 50L))),
        "FailedOperation.ResourceInOperating");
    assertThat(rules(clb).get(CVM_RULE).getTargets())
        .as("reads show only completed tasks")
        .extracting(Backend::getInstanceId)
        .containsExactly("ins-cvm00001", "ins-cvm00002");

    assertThat(awaitTask(clb, taskId)).isZero();

    assertThat(rules(clb).get(CVM_RULE).getTargets())
        .extracting(Backend::getInstanceId, Backend::getPort, Backend::getWeight)
        .contains(org.assertj.core.groups.Tuple.tuple("ins-cvm00003", 8080L, 30L));
    assertThat(
            awaitTask(
                clb,
                clb.ModifyTargetWeight(weight(CVM_RULE, target("ins-cvm00001", 80, 50L)))
                    .getRequestId()))
        .as("the load balancer is free again")
        .isZero();
  }

  @Test
  void aFailedTaskReportsStatusOneWithAMessageAndChangesNothing() throws Exception {
    ClbClient clb = clb();
    world().sandbox.tasks().failNext("injected by the contract test");

    String taskId =
        clb.ModifyTargetWeight(weight(CVM_RULE, target("ins-cvm00001", 80, 77L))).getRequestId();

    assertThat(awaitTask(clb, taskId)).isEqualTo(1L);
    DescribeTaskStatusRequest status = new DescribeTaskStatusRequest();
    status.setTaskId(taskId);
    assertThat(clb.DescribeTaskStatus(status).getMessage())
        .contains("injected by the contract test");
    assertThat(cvmWeights(clb)).containsExactly(10L, 20L);
  }

  @Test
  void anUnknownTaskIdIsResourceNotFound() throws Exception {
    ClbClient clb = clb();
    DescribeTaskStatusRequest status = new DescribeTaskStatusRequest();
    status.setTaskId("00000000-0000-0000-0000-000000000000");

    assertErrorCode(() -> clb.DescribeTaskStatus(status), "ResourceNotFound");
  }

  @Test
  void modifyTargetWeightUsesEachTargetsWeightOrTheRequestsFallback() throws Exception {
    ClbClient clb = clb();
    ModifyTargetWeightRequest req =
        weight(CVM_RULE, target("ins-cvm00001", 80, 0L), target("ins-cvm00002", 80, null));
    req.setWeight(8L);

    assertThat(awaitTask(clb, clb.ModifyTargetWeight(req).getRequestId())).isZero();

    assertThat(cvmWeights(clb)).containsExactly(0L, 8L);
  }

  @Test
  void batchModifyTargetWeightChangesSeveralTargetsInOneTask() throws Exception {
    ClbClient clb = clb();
    RsWeightRule rule = new RsWeightRule();
    rule.setListenerId(HTTP_LISTENER);
    rule.setLocationId(CVM_RULE);
    rule.setTargets(
        new Target[] {target("ins-cvm00001", 80, 40L), target("ins-cvm00002", 80, 60L)});
    BatchModifyTargetWeightRequest req = new BatchModifyTargetWeightRequest();
    req.setLoadBalancerId(LB);
    req.setModifyList(new RsWeightRule[] {rule});

    assertThat(awaitTask(clb, clb.BatchModifyTargetWeight(req).getRequestId())).isZero();

    assertThat(cvmWeights(clb)).containsExactly(40L, 60L);
  }

  @Test
  void deregisterTargetsRemovesThem() throws Exception {
    ClbClient clb = clb();
    DeregisterTargetsRequest req = new DeregisterTargetsRequest();
    req.setLoadBalancerId(LB);
    req.setListenerId(HTTP_LISTENER);
    req.setLocationId(CVM_RULE);
    req.setTargets(new Target[] {target("ins-cvm00001", 80, null)});

    assertThat(awaitTask(clb, clb.DeregisterTargets(req).getRequestId())).isZero();

    assertThat(rules(clb).get(CVM_RULE).getTargets())
        .extracting(Backend::getInstanceId)
        .containsExactly("ins-cvm00002");
  }

  @Test
  void registerModifyAndDeregisterAFunctionTargetByLocationIdOrDomainAndUrl() throws Exception {
    ClbClient clb = clb();

    RegisterFunctionTargetsRequest register = new RegisterFunctionTargetsRequest();
    register.setLoadBalancerId(LB);
    register.setListenerId(HTTP_LISTENER);
    register.setLocationId(EMPTY_RULE);
    register.setFunctionTargets(new FunctionTarget[] {function("fn-static", "$LATEST", 10L)});
    assertThat(awaitTask(clb, clb.RegisterFunctionTargets(register).getRequestId())).isZero();
    assertThat(functionOf(clb, EMPTY_RULE)).containsExactly("default/fn-static:$LATEST@10");

    ModifyFunctionTargetsRequest modify = new ModifyFunctionTargetsRequest();
    modify.setLoadBalancerId(LB);
    modify.setListenerId(HTTP_LISTENER);
    modify.setLocationId(EMPTY_RULE);
    modify.setFunctionTargets(new FunctionTarget[] {function("fn-static", "1", 40L)});
    assertThat(awaitTask(clb, clb.ModifyFunctionTargets(modify).getRequestId())).isZero();
    assertThat(functionOf(clb, EMPTY_RULE)).containsExactly("default/fn-static:1@40");

    DeregisterFunctionTargetsRequest deregister = new DeregisterFunctionTargetsRequest();
    deregister.setLoadBalancerId(LB);
    deregister.setListenerId(HTTP_LISTENER);
    deregister.setDomain("empty.example.com");
    deregister.setUrl("/");
    deregister.setFunctionTargets(new FunctionTarget[] {function("fn-static", "1", 40L)});
    assertThat(awaitTask(clb, clb.DeregisterFunctionTargets(deregister).getRequestId())).isZero();
    assertThat(functionOf(clb, EMPTY_RULE)).isEmpty();
  }

  @Test
  void aFunctionOnATcpListenerIsProtocolCheckFailed() throws Exception {
    ClbClient clb = clb();
    RegisterFunctionTargetsRequest req = registerFunction(EMPTY_RULE, "fn-echo");
    req.setListenerId(TCP_LISTENER);

    assertErrorCode(() -> clb.RegisterFunctionTargets(req), "InvalidParameter.ProtocolCheckFailed");
  }

  @Test
  void aSecondFunctionOnARuleIsLimitExceeded() throws Exception {
    ClbClient clb = clb();

    assertErrorCode(
        () -> clb.RegisterFunctionTargets(registerFunction(SCF_RULE, "fn-echo")), "LimitExceeded");
  }

  @Test
  void anHttpTypeFunctionCannotBeBound() throws Exception {
    ClbClient clb = clb();

    assertErrorCode(
        () -> clb.RegisterFunctionTargets(registerFunction(EMPTY_RULE, "fn-http")),
        "FailedOperation");
  }

  @Test
  void cvmTargetsCannotJoinAFunctionRuleWhenMixingIsRejected() throws Exception {
    ClbClient clb = clb(Map.of("mixedRuleTargets", "rejected"));

    assertErrorCode(
        () -> clb.RegisterTargets(register(SCF_RULE, target("ins-cvm00003", 80, 10L))),
        "FailedOperation");
    assertErrorCode(
        () -> clb.RegisterFunctionTargets(registerFunction(CVM_RULE, "fn-echo")),
        "FailedOperation");
  }

  @Test
  void cvmTargetsJoinAFunctionRuleWhenMixingIsAllowed() throws Exception {
    ClbClient clb = clb(Map.of("mixedRuleTargets", "allowed"));

    String taskId =
        clb.RegisterTargets(register(SCF_RULE, target("ins-cvm00003", 80, 10L))).getRequestId();

    assertThat(awaitTask(clb, taskId)).isZero();
    RuleTargets rule = rules(clb).get(SCF_RULE);
    assertThat(rule.getTargets())
        .extracting(Backend::getInstanceId)
        .containsExactly("ins-cvm00003");
    assertThat(rule.getFunctionTargets()).hasSize(1);
  }

  @Test
  void unknownLoadBalancerListenerAndRuleAreTheirNotFoundCodes() throws Exception {
    ClbClient clb = clb();
    DescribeTargetsRequest unknownLb = new DescribeTargetsRequest();
    unknownLb.setLoadBalancerId("lb-nothere0");
    RegisterTargetsRequest writeUnknownLb = register(CVM_RULE, target("ins-cvm00003", 80, 10L));
    writeUnknownLb.setLoadBalancerId("lb-nothere0");
    RegisterTargetsRequest unknownListener = register(CVM_RULE, target("ins-cvm00003", 80, 10L));
    unknownListener.setListenerId("lbl-nothere0");
    RegisterTargetsRequest unknownRule = register("loc-nothere0", target("ins-cvm00003", 80, 10L));
    RegisterTargetsRequest unknownDomain = register(null, target("ins-cvm00003", 80, 10L));
    unknownDomain.setDomain("nothere.example.com");
    unknownDomain.setUrl("/");

    assertErrorCode(() -> clb.DescribeTargets(unknownLb), "InvalidParameter.LBIdNotFound");
    assertErrorCode(() -> clb.RegisterTargets(writeUnknownLb), "InvalidParameter.LBIdNotFound");
    assertErrorCode(
        () -> clb.RegisterTargets(unknownListener), "InvalidParameter.ListenerIdNotFound");
    assertErrorCode(() -> clb.RegisterTargets(unknownRule), "InvalidParameter.LocationNotFound");
    assertErrorCode(() -> clb.RegisterTargets(unknownDomain), "InvalidParameter.LocationNotFound");
  }

  @Test
  void weightAboveOneHundredIsRangeAndTwentyOneTargetsAreLimitExceeded() throws Exception {
    ClbClient clb = clb();
    Target[] many = new Target[21];
    for (int i = 0; i < many.length; i++) {
      many[i] = target("ins-cvm00003", 8000 + i, 10L);
    }

    assertErrorCode(
        () -> clb.ModifyTargetWeight(weight(CVM_RULE, target("ins-cvm00001", 80, 101L))),
        "InvalidParameterValue.Range");
    assertErrorCode(
        () -> clb.RegisterTargets(register(EMPTY_RULE, target("ins-cvm00003", 80, 101L))),
        "InvalidParameterValue.Range");
    assertErrorCode(() -> clb.RegisterTargets(register(EMPTY_RULE, many)), "LimitExceeded");
    assertThat(
            awaitTask(
                clb,
                clb.RegisterTargets(register(EMPTY_RULE, Arrays.copyOf(many, 20))).getRequestId()))
        .as("twenty is the documented limit")
        .isZero();
  }

  /**
   * 21 calls of one action within one second of the sandbox's clock: the 21st is refused, and once
   * the clock has moved a second the next call is served. The clock stands still while the calls
   * are made, so however long they take on a busy machine, they are in one window.
   */
  @Test
  void theTwentyFirstCallInASecondIsRequestLimitExceeded() throws Exception {
    MutableNanos clock = new MutableNanos();
    ContractWorld world = new ContractWorld(Map.of(), clock);
    worlds.add(world);
    ClbClient clb = world.client(ClbClient.class);
    DescribeListenersRequest req = new DescribeListenersRequest();
    req.setLoadBalancerId(LB);

    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      try {
        clb.DescribeListeners(req);
        outcomes.add("ok");
      } catch (TencentCloudSDKException e) {
        outcomes.add(e.getErrorCode());
      }
    }

    assertThat(outcomes.subList(0, 20)).containsOnly("ok");
    assertThat(outcomes.get(20)).isEqualTo("RequestLimitExceeded");
    clock.advance(Duration.ofSeconds(1));
    assertThat(clb.DescribeListeners(req).getListeners()).isNotEmpty();
  }

  @Test
  void aStoppedInstanceIsDeadInDescribeTargetHealth() throws Exception {
    ClbClient clb = clb();
    DescribeTargetHealthRequest req = new DescribeTargetHealthRequest();
    req.setLoadBalancerIds(new String[] {LB});
    req.setListenerIds(new String[] {HTTP_LISTENER});
    req.setLocationIds(new String[] {CVM_RULE});
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> detail(clb, req, "ins-cvm00001").equals("Alive"));

    world().sandbox.instances().stop("ins-cvm00001");
    world().sandbox.reconcileInstances();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> detail(clb, req, "ins-cvm00001").equals("Dead"));
    TargetHealth dead = health(clb, req, "ins-cvm00001");
    assertThat(dead.getHealthStatus()).isFalse();
    assertThat(dead.getHealthStatusDetial()).isEqualTo("Dead");
    assertThat(dead.getIP()).isEqualTo("10.0.1.1");
    assertThat(dead.getPort()).isEqualTo(80L);
    assertThat(dead.getWeight()).isEqualTo(10L);
    req.setLocationIds(null);
    assertThat(clb.DescribeTargetHealth(req).getLoadBalancers()[0].getListeners()[0].getRules())
        .flatExtracting(r -> r.getTargets() == null ? List.of() : Arrays.asList(r.getTargets()))
        .as("function targets are left out")
        .extracting(TargetHealth::getTargetId)
        .containsOnly("ins-cvm00001", "ins-cvm00002");
    TargetHealth alive = health(clb, req, "ins-cvm00002");
    assertThat(alive.getHealthStatus()).isTrue();
    assertThat(alive.getHealthStatusDetail()).isEqualTo("Alive");
  }

  private static String detail(ClbClient clb, DescribeTargetHealthRequest req, String instance)
      throws Exception {
    return health(clb, req, instance).getHealthStatusDetail();
  }

  private static TargetHealth health(
      ClbClient clb, DescribeTargetHealthRequest req, String instance) throws Exception {
    var lb = clb.DescribeTargetHealth(req).getLoadBalancers()[0];
    assertThat(lb.getLoadBalancerId()).isEqualTo(LB);
    var rule = lb.getListeners()[0].getRules()[0];
    assertThat(rule.getLocationId()).isEqualTo(CVM_RULE);
    return Arrays.stream(rule.getTargets())
        .filter(t -> t.getTargetId().equals(instance))
        .findFirst()
        .orElseThrow();
  }

  private static List<Long> cvmWeights(ClbClient clb) throws Exception {
    return Arrays.stream(rules(clb).get(CVM_RULE).getTargets()).map(Backend::getWeight).toList();
  }

  private static List<String> functionOf(ClbClient clb, String rule) throws Exception {
    return Arrays.stream(rules(clb).get(rule).getFunctionTargets())
        .map(
            f ->
                f.getFunction().getFunctionNamespace()
                    + "/"
                    + f.getFunction().getFunctionName()
                    + ":"
                    + f.getFunction().getFunctionQualifier()
                    + "@"
                    + f.getWeight())
        .toList();
  }

  private static Target target(String instance, int port, Long weight) {
    Target t = new Target();
    t.setInstanceId(instance);
    t.setPort((long) port);
    t.setWeight(weight);
    return t;
  }

  private static RegisterTargetsRequest register(String rule, Target... targets) {
    RegisterTargetsRequest req = new RegisterTargetsRequest();
    req.setLoadBalancerId(LB);
    req.setListenerId(HTTP_LISTENER);
    req.setLocationId(rule);
    req.setTargets(targets);
    return req;
  }

  private static ModifyTargetWeightRequest weight(String rule, Target... targets) {
    ModifyTargetWeightRequest req = new ModifyTargetWeightRequest();
    req.setLoadBalancerId(LB);
    req.setListenerId(HTTP_LISTENER);
    req.setLocationId(rule);
    req.setTargets(targets);
    return req;
  }

  private static FunctionTarget function(String name, String qualifier, long weight) {
    FunctionInfo info = new FunctionInfo();
    info.setFunctionNamespace("default");
    info.setFunctionName(name);
    info.setFunctionQualifier(qualifier);
    FunctionTarget target = new FunctionTarget();
    target.setFunction(info);
    target.setWeight(weight);
    return target;
  }

  private static RegisterFunctionTargetsRequest registerFunction(String rule, String name) {
    RegisterFunctionTargetsRequest req = new RegisterFunctionTargetsRequest();
    req.setLoadBalancerId(LB);
    req.setListenerId(HTTP_LISTENER);
    req.setLocationId(rule);
    req.setFunctionTargets(new FunctionTarget[] {function(name, "$LATEST", 10L)});
    return req;
  }
}
