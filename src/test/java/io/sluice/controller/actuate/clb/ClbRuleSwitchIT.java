package io.sluice.controller.actuate.clb;

import static io.sluice.controller.actuate.clb.ClbRuleWorld.FUNCTION_RULE;
import static io.sluice.controller.actuate.clb.ClbRuleWorld.SHOP;
import static io.sluice.controller.actuate.clb.ClbRuleWorld.SHOP_RULE;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.clb.ClbRuleWorld.RecordingStepLog;
import io.sluice.meters.MeterNames;
import io.sluice.policies.TrafficSplit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clb-rule actuator moving a real (sandboxed) CLB rule between its CVM targets and the
 * function, with the rule's mixing of kinds rejected and allowed, and tasks that end at once or
 * take a while: users' requests through the VIP follow, the home targets come back, and the order
 * of the writes keeps the rule routed wherever the cloud allows it.
 */
final class ClbRuleSwitchIT {
  private static final TrafficSplit ALL_CVM = new TrafficSplit(100, 0);
  private static final TrafficSplit ALL_SCF = new TrafficSplit(0, 100);
  private static final String HOME_STATE = "cvm ins-shop0001:80@10, ins-shop0002:80@20; scf none";
  private static final String SCF_STATE = "cvm none; scf fn-shop:$LATEST@100";
  private static final Pattern GAP =
      Pattern.compile(
          "rule lb-shop0001/lbl-http0001/loc-shop0001 had no target for (\\d+) ms"
              + " \\(mixedRuleTargets rejected\\)");

  private ClbRuleWorld world;
  private final RecordingStepLog log = new RecordingStepLog();

  @AfterEach
  void close() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  static Stream<Arguments> mixingAndTaskDurations() {
    return Stream.of(
        Arguments.of(false, "0ms"),
        Arguments.of(false, "200ms"),
        Arguments.of(true, "0ms"),
        Arguments.of(true, "200ms"));
  }

  @ParameterizedTest(name = "mixing allowed {0}, tasks {1}")
  @MethodSource("mixingAndTaskDurations")
  void failoverSendsUsersToTheFunctionAndFailbackReRegistersTheHomeTargets(
      boolean mixed, String taskDuration) throws Exception {
    world = new ClbRuleWorld(taskDuration, mixed);
    ClbRuleActuator actuator = world.actuator(new MemoryHomeTargets());
    assertThat(world.get(SHOP)).contains("\"instance\":\"ins-shop000");
    Routing before = world.on(actuator::read);
    assertThat(before.split()).isEqualTo(ALL_CVM);
    assertThat(before.uniform()).isTrue();

    Applied failover = world.on(() -> actuator.apply(ALL_SCF, before, log));

    assertThat(failover.after().split()).isEqualTo(ALL_SCF);
    assertThat(failover.after().uniform()).isTrue();
    assertThat(failover.requestIds()).hasSize(2).doesNotContain("");
    assertThat(world.state(SHOP_RULE)).isEqualTo(SCF_STATE);
    assertThat(world.get(SHOP)).isEqualTo("from-scf");
    assertThat(failover.gap().isPresent()).as("a gap only without mixing").isEqualTo(!mixed);

    Applied failback = world.on(() -> actuator.apply(ALL_CVM, failover.after(), log));

    assertThat(failback.after().split()).isEqualTo(ALL_CVM);
    assertThat(failback.after().uniform()).isTrue();
    assertThat(world.state(SHOP_RULE)).isEqualTo(HOME_STATE);
    assertThat(world.get(SHOP)).contains("\"instance\":\"ins-shop000");
    assertThat(log.lines)
        .as("every write announced before and reported applied after, with its RequestId")
        .hasSize(8)
        .allMatch(
            l ->
                l.startsWith("before ")
                    ? l.contains(" lb-shop0001/lbl-http0001/loc-shop0001 ")
                    : l.endsWith(" rid APPLIED"));
    assertThat(world.timed(MeterNames.TASK_WAIT, MeterNames.TAG_OUTCOME, "done"))
        .as("every task wait timed")
        .isEqualTo(4);
  }

  @Test
  void aRestartedActuatorFailsBackToTheHomeTargetsStoredBeforeTheFailover(@TempDir Path state)
      throws Exception {
    world = new ClbRuleWorld("100ms", false);
    ClbRuleActuator first = world.actuator(new FileHomeTargets(state));
    world.on(() -> first.apply(ALL_SCF, null, log));
    assertThat(world.state(SHOP_RULE)).isEqualTo(SCF_STATE);

    ClbRuleActuator restarted = world.actuator(new FileHomeTargets(state));
    Routing read = world.on(restarted::read);
    Applied failback = world.on(() -> restarted.apply(ALL_CVM, read, log));

    assertThat(read.split()).isEqualTo(ALL_SCF);
    assertThat(failback.after().split()).isEqualTo(ALL_CVM);
    assertThat(failback.after().uniform()).isTrue();
    assertThat(world.state(SHOP_RULE)).isEqualTo(HOME_STATE);
    assertThat(world.get(SHOP)).contains("\"instance\":\"ins-shop000");
  }

  @Test
  void besideDnsWeightsAFailbackStepSendsTheRulesShareToCvmAtOnce() throws Exception {
    world = new ClbRuleWorld("0ms", false);
    MemoryHomeTargets homes = new MemoryHomeTargets();
    ClbRuleActuator alone = world.actuator(homes);
    world.on(() -> alone.apply(ALL_SCF, null, log));
    // another daemon's actuator on the same rule, as beside the DNS weights of a `both` route
    ClbRuleActuator beside = world.actuator(homes).besideDnsWeightsIf(true);
    TrafficSplit half = new TrafficSplit(50, 50);

    Applied step = world.on(() -> alone.apply(half, null, log));
    assertThat(step.after().split()).as("alone, a tie keeps the kind it has").isEqualTo(ALL_SCF);

    Applied besideStep = world.on(() -> beside.apply(half, null, log));
    assertThat(besideStep.after().split())
        .as("beside DNS weights, half the names' answers reach this rule: they must reach CVM")
        .isEqualTo(ALL_CVM);
    assertThat(world.get(SHOP)).contains("\"instance\":\"ins-shop000");
  }

  @Test
  void aRuleThatNeverHeldCvmTargetsCannotFailBackAndWritesNothing() throws Exception {
    world = new ClbRuleWorld("0ms", false);
    ClbRuleActuator actuator =
        world.actuator(
            ClbRuleWorld.rule(FUNCTION_RULE),
            new MemoryHomeTargets(),
            ClbRuleActuator.DEFAULT_TASK_BUDGET);
    assertThat(world.on(actuator::read).split()).isEqualTo(ALL_SCF);

    Throwable failure = world.failure(() -> actuator.apply(ALL_CVM, null, log));

    assertThat(failure).isInstanceOf(ActuationException.class);
    ActuationException failed = (ActuationException) failure;
    assertThat(failed.outcome()).isEqualTo(ActuationException.Outcome.FAILED);
    assertThat(failed.getMessage()).contains("cannot fail back").contains("no home targets");
    assertThat(world.sandbox.mutations().entries()).isEmpty();
    assertThat(log.lines).isEmpty();
  }

  @ParameterizedTest(name = "tasks {0}")
  @ValueSource(strings = {"0ms", "200ms"})
  void withMixingASplitWeighsTheTargetsAndTheFunctionOnOneScale(String taskDuration)
      throws Exception {
    world = new ClbRuleWorld(taskDuration, true);
    ClbRuleActuator actuator = world.actuator(new MemoryHomeTargets());
    Routing start = world.on(actuator::read);

    Applied tenNinety = world.on(() -> actuator.apply(new TrafficSplit(10, 90), start, log));

    assertThat(world.state(SHOP_RULE))
        .isEqualTo("cvm ins-shop0001:80@3, ins-shop0002:80@7; scf fn-shop:$LATEST@90");
    assertThat(tenNinety.after().split()).isEqualTo(new TrafficSplit(10, 90));
    assertThat(tenNinety.after().uniform()).isTrue();
    assertThat(tenNinety.gap()).isEmpty();
    assertThat(world.on(actuator::read)).isEqualTo(tenNinety.after());

    Applied fiftyFifty =
        world.on(() -> actuator.apply(new TrafficSplit(50, 50), tenNinety.after(), log));

    assertThat(world.state(SHOP_RULE))
        .isEqualTo("cvm ins-shop0001:80@17, ins-shop0002:80@33; scf fn-shop:$LATEST@50");
    assertThat(fiftyFifty.after().split()).isEqualTo(new TrafficSplit(50, 50));
    assertThat(fiftyFifty.after().uniform()).isTrue();
    assertThat(fiftyFifty.gap())
        .as("a new function weight is one ModifyFunctionTargets: the function stays bound")
        .isEmpty();

    world.on(() -> actuator.apply(ALL_CVM, fiftyFifty.after(), log));
    assertThat(world.state(SHOP_RULE)).isEqualTo(HOME_STATE);
    assertThat(world.shopStates).isNotEmpty().allMatch(ClbRuleWorld::routes);
  }

  @ParameterizedTest(name = "mixing allowed {0}")
  @ValueSource(booleans = {false, true})
  void applyingTheSameSplitAgainWritesNothing(boolean mixed) throws Exception {
    world = new ClbRuleWorld("0ms", mixed);
    ClbRuleActuator actuator = world.actuator(new MemoryHomeTargets());
    TrafficSplit split = mixed ? new TrafficSplit(10, 90) : ALL_SCF;
    Applied first = world.on(() -> actuator.apply(split, null, new RecordingStepLog()));
    int writes = world.sandbox.mutations().entries().size();

    Applied second = world.on(() -> actuator.apply(split, first.after(), log));

    assertThat(writes).isPositive();
    assertThat(world.sandbox.mutations().entries()).hasSize(writes);
    assertThat(second.requestIds()).isEmpty();
    assertThat(second.gap()).isEmpty();
    assertThat(log.lines).isEmpty();
    assertThat(second.after()).isEqualTo(first.after());
    assertThat(second.after().uniform()).isTrue();
  }

  @Test
  void withMixingTheRuleRoutesSomewhereInEveryStateItPassesThrough() throws Exception {
    world = new ClbRuleWorld("200ms", true);
    ClbRuleActuator actuator = world.actuator(new MemoryHomeTargets());
    world.on(actuator::read);

    Applied failover = world.on(() -> actuator.apply(ALL_SCF, null, log));
    List<String> failoverActions = log.actions();
    Applied failback = world.on(() -> actuator.apply(ALL_CVM, null, log));

    assertThat(failoverActions).containsExactly("RegisterFunctionTargets", "DeregisterTargets");
    assertThat(log.actions().subList(2, 4))
        .containsExactly("RegisterTargets", "DeregisterFunctionTargets");
    assertThat(world.shopStates)
        .containsSubsequence(
            "cvm ins-shop0001:80@10, ins-shop0002:80@20; scf fn-shop:$LATEST@100",
            SCF_STATE,
            "cvm ins-shop0001:80@10, ins-shop0002:80@20; scf fn-shop:$LATEST@100",
            HOME_STATE)
        .allMatch(ClbRuleWorld::routes);
    assertThat(failover.gap()).isEmpty();
    assertThat(failback.gap()).isEmpty();
  }

  @Test
  void withoutMixingTheSwitchMeasuresItsGapAndReadsNothingBetweenTheTwoWrites() throws Exception {
    world = new ClbRuleWorld("200ms", false);
    ClbRuleActuator actuator = world.actuator(new MemoryHomeTargets());
    world.on(actuator::read);
    long readsBefore = describeTargetsCalls();

    Applied failover = world.on(() -> actuator.apply(ALL_SCF, null, log));

    assertThat(describeTargetsCalls() - readsBefore)
        .as("one read to plan, one to read back, none between the writes")
        .isEqualTo(2);
    assertThat(log.actions()).containsExactly("DeregisterTargets", "RegisterFunctionTargets");
    assertThat(world.shopStates).contains("cvm none; scf none");
    Matcher gap = GAP.matcher(failover.gap().orElseThrow());
    assertThat(gap.matches()).as(failover.gap().get()).isTrue();
    assertThat(Duration.ofMillis(Long.parseLong(gap.group(1))))
        .as("at least the second write's own task")
        .isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  private long describeTargetsCalls() {
    return world.timed(MeterNames.CLOUD_CALL, MeterNames.TAG_ACTION, "DescribeTargets");
  }
}
