package io.sluice.controller.actuate.clb;

import static io.sluice.controller.actuate.clb.ClbRuleWorld.BLOG_RULE;
import static io.sluice.controller.actuate.clb.ClbRuleWorld.LB;
import static io.sluice.controller.actuate.clb.ClbRuleWorld.LISTENER;
import static io.sluice.controller.actuate.clb.ClbRuleWorld.SHOP_RULE;
import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DeregisterTargetsRequest;
import com.tencentcloudapi.clb.v20180317.models.ModifyTargetWeightRequest;
import com.tencentcloudapi.clb.v20180317.models.Target;
import io.sluice.cloud.CloudClients;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.clb.ClbRuleWorld.RecordingStepLog;
import io.sluice.meters.MeterNames;
import io.sluice.policies.TrafficSplit;
import io.sluice.sandbox.SandboxClients;
import io.sluice.sandbox.api.Fault;
import io.sluice.sandbox.api.Mutation;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clb-rule actuator when the cloud misbehaves (reliability faults 1-5): failed and endless
 * tasks, a busy load balancer, throttling, answers that never come or cannot be parsed. Each
 * outcome is FAILED or UNKNOWN as the Actuator contract says, and a later apply converges.
 */
final class ClbRuleFaultsIT {
  private static final TrafficSplit ALL_CVM = new TrafficSplit(100, 0);
  private static final TrafficSplit ALL_SCF = new TrafficSplit(0, 100);
  private static final String SCF_STATE = "cvm none; scf fn-shop:$LATEST@100";
  private static final String HOME_STATE = "cvm ins-shop0001:80@10, ins-shop0002:80@20; scf none";

  private ClbRuleWorld world;
  private final RecordingStepLog log = new RecordingStepLog();

  @AfterEach
  void close() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  private ClbRuleActuator actuator(Duration taskBudget) throws Exception {
    return actuator(taskBudget, world.clients);
  }

  private ClbRuleActuator actuator(Duration taskBudget, CloudClients clients) throws Exception {
    ClbRuleActuator actuator =
        world.actuator(ClbRuleWorld.rule(SHOP_RULE), new MemoryHomeTargets(), taskBudget, clients);
    world.on(actuator::read);
    return actuator;
  }

  private ActuationException failure(ClbRuleActuator actuator, TrafficSplit split)
      throws Exception {
    Throwable failure = world.failure(() -> actuator.apply(split, null, log));
    assertThat(failure).isInstanceOf(ActuationException.class);
    return (ActuationException) failure;
  }

  @ParameterizedTest(name = "mixing allowed {0}")
  @ValueSource(booleans = {false, true})
  void aFailedTaskIsFailedThenTheRuleReadsUnchangedAndTheNextApplyConverges(boolean mixed)
      throws Exception {
    world = new ClbRuleWorld("0ms", mixed);
    ClbRuleActuator actuator = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    world.sandbox.tasks().failNext("injected: the backend pool is locked");

    ActuationException failed = failure(actuator, ALL_SCF);

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.code()).isEqualTo(StepRunner.TASK_FAILED);
    assertThat(failed.getMessage())
        .contains("write 1 of 2")
        .contains("injected: the backend pool is locked");
    assertThat(failed.requestIds()).hasSize(1);
    assertThat(log.lines).hasSize(2);
    assertThat(log.lines.get(1)).contains(" rid FAILED: Sluice.TaskFailed ");
    assertThat(world.timed(MeterNames.TASK_WAIT, MeterNames.TAG_OUTCOME, "failed")).isEqualTo(1);
    Routing reread = world.on(actuator::read);
    assertThat(reread.split()).isEqualTo(ALL_CVM);

    Applied retried = world.on(() -> actuator.apply(ALL_SCF, reread, log));

    assertThat(retried.after().split()).isEqualTo(ALL_SCF);
    assertThat(world.state(SHOP_RULE)).isEqualTo(SCF_STATE);
  }

  @Test
  void aTaskThatOutlastsTheBudgetIsUnknownAndNotWaitedFor() throws Exception {
    world = new ClbRuleWorld("5s", false);
    ClbRuleActuator actuator = actuator(Duration.ofMillis(300));

    ActuationException unknown = failure(actuator, ALL_SCF);

    assertThat(world.sandbox.tasks().busy(LB)).as("the task still runs").isTrue();
    assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(unknown.code()).isEqualTo(StepRunner.BUDGET_SPENT);
    assertThat(unknown.getMessage()).contains("DeregisterTargets task").contains("PT0.3S");
    assertThat(unknown.requestIds()).hasSize(1);
    assertThat(log.lines.get(1)).contains(" rid UNKNOWN: Sluice.TaskBudgetSpent ");
    assertThat(world.timed(MeterNames.TASK_WAIT, MeterNames.TAG_OUTCOME, "budget_spent"))
        .isEqualTo(1);
  }

  @Test
  void aLoadBalancerBusyWithAnotherTaskIsWaitedForAndTheSwitchApplies() throws Exception {
    world = new ClbRuleWorld("500ms", false);
    ClbRuleActuator actuator = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    ClbClient other = SandboxClients.client(world.sandbox, ClbClient.class);
    ModifyTargetWeightRequest elsewhere = new ModifyTargetWeightRequest();
    elsewhere.setLoadBalancerId(LB);
    elsewhere.setListenerId(LISTENER);
    elsewhere.setLocationId(BLOG_RULE);
    Target blog = new Target();
    blog.setInstanceId("ins-blog0001");
    blog.setPort(80L);
    blog.setWeight(30L);
    elsewhere.setTargets(new Target[] {blog});
    other.ModifyTargetWeight(elsewhere);

    Applied applied = world.on(() -> actuator.apply(ALL_SCF, null, log));

    assertThat(applied.after().split()).isEqualTo(ALL_SCF);
    assertThat(world.state(SHOP_RULE)).isEqualTo(SCF_STATE);
    assertThat(
            world.timed(
                MeterNames.CLOUD_CALL, MeterNames.TAG_CODE, "FailedOperation.ResourceInOperating"))
        .as("the first write was refused while the other task ran")
        .isPositive();
  }

  @Test
  void aBusyLoadBalancerAndThrottlingAreRetriedPastTheGuardsOwnAttempts() throws Exception {
    world = new ClbRuleWorld("0ms", false);
    ClbRuleActuator actuator = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    world
        .sandbox
        .faults()
        .times(
            "DeregisterTargets",
            new Fault.ApiError("FailedOperation.ResourceInOperating", "Your task is working"),
            5);
    world
        .sandbox
        .faults()
        .times(
            "RegisterFunctionTargets",
            new Fault.ApiError("RequestLimitExceeded", "too many requests"),
            5);

    Applied applied = world.on(() -> actuator.apply(ALL_SCF, null, log));

    assertThat(applied.after().split()).isEqualTo(ALL_SCF);
    assertThat(world.sandbox.faults().take("DeregisterTargets")).isEmpty();
    assertThat(world.sandbox.faults().take("RegisterFunctionTargets")).isEmpty();
    assertThat(log.lines).as("each write announced once, whatever its retries").hasSize(4);
    assertThat(world.timed(MeterNames.CLOUD_CALL, MeterNames.TAG_CODE, "RequestLimitExceeded"))
        .as("the guard gave up after its three attempts, the actuator tried again")
        .isEqualTo(1);
    assertThat(
            world.timed(
                MeterNames.CLOUD_CALL, MeterNames.TAG_CODE, "FailedOperation.ResourceInOperating"))
        .isEqualTo(1);
  }

  @Test
  void aRejectedWriteIsFailedWithTheCloudsCode() throws Exception {
    world = new ClbRuleWorld("0ms", false);
    ClbRuleActuator actuator = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    world
        .sandbox
        .faults()
        .once("DeregisterTargets", new Fault.ApiError("InvalidParameter.LocationNotFound", "no"));

    ActuationException failed = failure(actuator, ALL_SCF);

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.code()).isEqualTo("InvalidParameter.LocationNotFound");
    assertThat(failed.requestIds()).isEmpty();
    assertThat(log.lines.get(1)).contains(" - FAILED: InvalidParameter.LocationNotFound ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http-500", "malformed-json", "no-response", "hang", "internal-error"})
  void aWriteWithoutAUsableAnswerIsUnknownNeverResentAndTheNextApplyConverges(String fault)
      throws Exception {
    world = new ClbRuleWorld("0ms", false);
    // a hang is cut by the SDK's read time-out, which takes whole seconds
    ClbRuleActuator actuator =
        actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET, world.clients(Duration.ofSeconds(1)));
    world
        .sandbox
        .faults()
        .once(
            "DeregisterTargets",
            switch (fault) {
              case "http-500" -> new Fault.HttpStatus(500);
              case "malformed-json" -> new Fault.MalformedJson();
              case "no-response" -> new Fault.MissingResponse();
              case "hang" -> new Fault.Hang();
              default -> new Fault.ApiError("InternalError", "oops");
            });

    ActuationException unknown = failure(actuator, ALL_SCF);

    assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(log.lines.get(1)).contains(" UNKNOWN: ");
    assertThat(world.sandbox.mutations().entries())
        .as("the one faulty answer was not followed by a blind second try")
        .isEmpty();
    assertThat(world.on(actuator::read).split()).isEqualTo(ALL_CVM);

    world.on(() -> actuator.apply(ALL_SCF, null, log));
    assertThat(world.state(SHOP_RULE)).isEqualTo(SCF_STATE);
  }

  @Test
  void aFailedTaskStatusPollIsPolledAgain() throws Exception {
    world = new ClbRuleWorld("100ms", false);
    ClbRuleActuator actuator = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    world.sandbox.faults().times("DescribeTaskStatus", new Fault.HttpStatus(500), 2);

    Applied applied = world.on(() -> actuator.apply(ALL_SCF, null, log));

    assertThat(applied.after().split()).isEqualTo(ALL_SCF);
  }

  @Test
  void anUnreadableRuleIsUnknown() throws Exception {
    world = new ClbRuleWorld("0ms", false);
    ClbRuleActuator actuator = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    world.sandbox.faults().once("DescribeTargets", new Fault.HttpStatus(500));

    Throwable failure = world.failure(actuator::read);

    assertThat(failure).isInstanceOf(ActuationException.class);
    assertThat(((ActuationException) failure).outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(((ActuationException) failure).code()).isEqualTo("ServerSideError");
  }

  @Test
  void aRuleLeftWithoutTargetsReadsUnknownAndApplyRoutesItAgain() throws Exception {
    world = new ClbRuleWorld("0ms", false);
    ClbRuleActuator actuator = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    DeregisterTargetsRequest emptyIt = new DeregisterTargetsRequest();
    emptyIt.setLoadBalancerId(LB);
    emptyIt.setListenerId(LISTENER);
    emptyIt.setLocationId(SHOP_RULE);
    emptyIt.setTargets(new Target[] {target("ins-shop0001"), target("ins-shop0002")});
    SandboxClients.client(world.sandbox, ClbClient.class).DeregisterTargets(emptyIt);
    assertThat(world.state(SHOP_RULE)).isEqualTo("cvm none; scf none");

    Throwable unreadable = world.failure(actuator::read);
    Applied fixed = world.on(() -> actuator.apply(ALL_CVM, null, log));

    assertThat(((ActuationException) unreadable).code()).isEqualTo(RuleReading.ROUTES_NOTHING);
    assertThat(fixed.after().split()).isEqualTo(ALL_CVM);
    assertThat(fixed.gap()).as("the gap was there before, not made by Sluice").isEmpty();
    assertThat(world.state(SHOP_RULE)).isEqualTo(HOME_STATE);
  }

  @Test
  void twoServicesOnOneLoadBalancerNeverWriteAtOnce() throws Exception {
    world = new ClbRuleWorld("200ms", false);
    ClbRuleActuator shop = actuator(ClbRuleActuator.DEFAULT_TASK_BUDGET);
    ClbRuleActuator blog =
        world.actuator(
            ClbRuleWorld.rule(BLOG_RULE),
            new MemoryHomeTargets(),
            ClbRuleActuator.DEFAULT_TASK_BUDGET);
    world.on(blog::read);

    world.on(
        () ->
            Future.all(
                shop.apply(ALL_SCF, null, new RecordingStepLog()),
                blog.apply(ALL_SCF, null, new RecordingStepLog())));

    List<String> rules =
        world.sandbox.mutations().entries().stream()
            .map(Mutation::parameters)
            .map(p -> p.getString("LocationId"))
            .toList();
    assertThat(rules)
        .as("each apply holds the load balancer from its first write to its last")
        .containsExactly(SHOP_RULE, SHOP_RULE, BLOG_RULE, BLOG_RULE);
    assertThat(
            world.timed(
                MeterNames.CLOUD_CALL, MeterNames.TAG_CODE, "FailedOperation.ResourceInOperating"))
        .as("never refused as busy")
        .isZero();
    assertThat(world.state(SHOP_RULE)).isEqualTo(SCF_STATE);
  }

  private static Target target(String instance) {
    Target target = new Target();
    target.setInstanceId(instance);
    target.setPort(80L);
    return target;
  }
}
