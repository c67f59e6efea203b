package io.sluice.controller.actuate.clb;

import static io.sluice.controller.actuate.clb.ClbRuleWorld.SHOP;
import static io.sluice.controller.actuate.clb.ClbRuleWorld.SHOP_RULE;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.clb.ClbRuleWorld.RecordingStepLog;
import io.sluice.policies.TrafficSplit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CVM side of a clb-rule service belongs to an Auto Scaling group or an SRE, not to Sluice:
 * targets added, removed and re-weighted while the rule routes to CVM are the truth and are never
 * "repaired", and a failback registers what the rule held last (less instances terminated since),
 * so a terminated instance cannot wedge the failback.
 */
final class ClbRuleMembershipIT {
  private static final TrafficSplit ALL_CVM = new TrafficSplit(100, 0);
  private static final TrafficSplit ALL_SCF = new TrafficSplit(0, 100);

  private ClbRuleWorld world;
  private final RecordingStepLog log = new RecordingStepLog();

  @AfterEach
  void close() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  @ParameterizedTest(name = "mixing allowed {0}")
  @ValueSource(booleans = {false, true})
  void targetsChangedByHandStayAndAFailbackRestoresThemLessTheTerminatedOnes(
      boolean mixed, @TempDir Path state) throws Exception {
    world = new ClbRuleWorld("0ms", mixed);
    ClbRuleActuator actuator = world.actuator(new FileHomeTargets(state));
    assertThat(world.on(actuator::read).split()).isEqualTo(ALL_CVM);

    // while NORMAL: scale out, scale in, re-weight
    world.changeTargetsByHand("register", "ins-shop0003", 10);
    assertUnchangedBySluice(actuator);
    world.changeTargetsByHand("deregister", "ins-shop0002", 0);
    assertUnchangedBySluice(actuator);
    world.changeTargetsByHand("reweigh", "ins-shop0001", 40);
    assertUnchangedBySluice(actuator);
    String byHand = "cvm ins-shop0001:80@40, ins-shop0003:80@10; scf none";
    assertThat(world.state(SHOP_RULE)).isEqualTo(byHand);

    Applied failover = world.on(() -> actuator.apply(ALL_SCF, null, log));
    assertThat(failover.after().split()).isEqualTo(ALL_SCF);
    assertThat(world.get(SHOP)).isEqualTo("from-scf");

    // while failed over, the scale-out instance is terminated
    world.sandbox.terminateInstance("ins-shop0003");

    ClbRuleActuator restarted = world.actuator(new FileHomeTargets(state));
    Applied failback = world.on(() -> restarted.apply(ALL_CVM, null, log));

    assertThat(failback.after().split()).isEqualTo(ALL_CVM);
    assertThat(failback.after().uniform()).isTrue();
    assertThat(world.state(SHOP_RULE)).isEqualTo("cvm ins-shop0001:80@40; scf none");
    assertThat(world.get(SHOP)).contains("\"instance\":\"ins-shop0001\"");
  }

  /**
   * While the rule routes to the function, the Auto Scaling group replaces the instances that
   * failed and registers the new one on the rule: a failback must find it, though the old ones are
   * gone (a rule that may hold both kinds accepts it; one that may not refuses the group).
   */
  @Test
  void instancesRegisteredWhileFailedOverJoinTheHomeTargets(@TempDir Path state) throws Exception {
    world = new ClbRuleWorld("0ms", true);
    ClbRuleActuator actuator = world.actuator(new FileHomeTargets(state));
    world.on(actuator::read);
    world.on(() -> actuator.apply(ALL_SCF, null, log));

    world.sandbox.terminateInstance("ins-shop0001");
    world.sandbox.terminateInstance("ins-shop0002");
    world.changeTargetsByHand("register", "ins-shop0003", 10);
    // the policy still wants everything on SCF: the newcomer leaves the rule again for now
    Routing withNewcomer = world.on(actuator::read);
    world.on(() -> actuator.apply(ALL_SCF, withNewcomer, log));
    assertThat(world.state(SHOP_RULE)).isEqualTo("cvm none; scf fn-shop:$LATEST@100");

    ClbRuleActuator restarted = world.actuator(new FileHomeTargets(state));
    Applied failback = world.on(() -> restarted.apply(ALL_CVM, null, log));

    assertThat(failback.after().split()).isEqualTo(ALL_CVM);
    assertThat(world.state(SHOP_RULE)).isEqualTo("cvm ins-shop0003:80@10; scf none");
  }

  /** Reads, then applies the split the rule has: neither writes anything. */
  private void assertUnchangedBySluice(ClbRuleActuator actuator) throws Exception {
    int before = world.sandbox.mutations().entries().size();
    String rule = world.state(SHOP_RULE);

    Routing read = world.on(actuator::read);
    Applied again = world.on(() -> actuator.apply(ALL_CVM, read, log));

    assertThat(read.split()).isEqualTo(ALL_CVM);
    assertThat(read.uniform()).as("%s is not drift to repair", rule).isTrue();
    assertThat(again.requestIds()).isEmpty();
    assertThat(world.sandbox.mutations().entries()).hasSize(before);
    assertThat(world.state(SHOP_RULE)).isEqualTo(rule);
  }
}
