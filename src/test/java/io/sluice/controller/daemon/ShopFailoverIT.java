package io.sluice.controller.daemon;

import static io.sluice.controller.daemon.SandboxDaemon.LB_CVM_ANSWER;
import static io.sluice.controller.daemon.SandboxDaemon.LB_SCF_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.sluice.meters.MeterNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failover of service shop with each actuator alone (src/test/resources/failover/shop-*.yaml on the
 * demo world; DemoIT covers both together): with every CVM instance stopped, a client resolving
 * shop and asking the VIP it resolved to gets the function's answer; restored, shop fails back
 * after the dwell, in steps.
 */
final class ShopFailoverIT {
  private static final String SHOP = "shop.sluice.local";
  private static final List<String> INSTANCES = List.of("ins-shop0001", "ins-shop0002");
  // probes rise 2 x 1s, warm-up 3 ticks; then slack for a shared CI machine
  private static final Duration READY_BOUND = Duration.ofSeconds(30);
  // fall 3 x 1s, confirmFor 2s, one tick, the writes (CLB tasks of 300 ms); then slack
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(3 + 2 + 1 + 1 + 20);
  // rise 2 x 1s, failback.after 5s, steps 50 and 100 3s apart, the writes; then slack
  private static final Duration FAILBACK_BOUND = Duration.ofSeconds(2 + 5 + 2 * 3 + 2 + 20);

  @TempDir Path stateDir;
  private SandboxDaemon sluice;
  private final List<Integer> levels = new ArrayList<>();

  @AfterEach
  void stop() {
    if (sluice != null) {
      sluice.close();
    }
  }

  /**
   * @param actuator {@code clb-rule} on the demo world, whose rules hold CVM targets or one
   *     function (mixedRuleTargets rejected, the sandbox's default for that UNCONFIRMED fact), so
   *     failback is whole; {@code clb-rule-mixed}, the other way of that fact: a world whose rules
   *     may hold both and a config with clbMixedTargets, so failback steps on the rule; {@code
   *     dns-weight}
   */
  @ParameterizedTest
  @ValueSource(strings = {"clb-rule", "clb-rule-mixed", "dns-weight"})
  void shopMovesToScfWhenCvmStopsAndFailsBackInSteps(String actuator) throws Exception {
    boolean mixed = actuator.equals("clb-rule-mixed");
    sluice =
        SandboxDaemon.start(
            mixed ? mixedWorld() : SandboxDaemon.demoWorld(),
            mixed ? mixedConfig() : SandboxDaemon.resource("failover/shop-" + actuator + ".yaml"),
            stateDir,
            Clock.systemUTC());
    // with clb-rule, the name keeps resolving to lb-cvm, whose rule turns to the function
    String failedOverAnswer = actuator.equals("dns-weight") ? LB_SCF_ANSWER : LB_CVM_ANSWER;
    // a rule that holds CVM targets or the function, never both, cannot be at 50%: the 100% step
    // brings it back whole
    List<Integer> failback = actuator.equals("clb-rule") ? List.of(100, 0) : List.of(100, 50, 0);
    await().atMost(READY_BOUND).until(() -> scfLevel() == 0);
    assertThat(sluice.follow(SHOP)).doesNotContain("Hello CLB").contains("200");

    INSTANCES.forEach(id -> sluice.sandbox().instances().stop(id));
    sluice.sandbox().reconcileInstances();

    await().atMost(FAILOVER_BOUND).until(() -> sluice.follow(SHOP).contains("Hello CLB"));
    // dns-weight enables lb-scf's record before it disables lb-cvm's: a first answer may still
    // come from the weighted pair
    await().atMost(FAILOVER_BOUND).until(() -> sluice.answer(SHOP).equals(failedOverAnswer));
    // the data plane may turn before the reconciler has read back its last write
    await().atMost(FAILOVER_BOUND).until(() -> scfLevel() == 100);

    INSTANCES.forEach(id -> sluice.sandbox().instances().start(id));
    sluice.sandbox().reconcileInstances();

    await()
        .atMost(FAILBACK_BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> noteLevel() == 0);
    assertThat(levels).containsExactlyElementsOf(failback);
    assertThat(sluice.answer(SHOP)).isEqualTo(LB_CVM_ANSWER);
    assertThat(sluice.follow(SHOP)).doesNotContain("Hello CLB").contains("200");
  }

  /** The demo world with rules that may hold CVM targets and a function at once. */
  private Path mixedWorld() throws IOException {
    Path demo = SandboxDaemon.demoWorld();
    String world = Files.readString(demo);
    assertThat(world).contains("mixedRuleTargets: rejected", "{python: ../functions/");
    Path functions = demo.toAbsolutePath().getParent().resolveSibling("functions");
    return Files.writeString(
        stateDir.resolve("world-mixed.yaml"),
        world
            .replace("mixedRuleTargets: rejected", "mixedRuleTargets: allowed")
            .replace("{python: ../functions/", "{python: " + functions + "/"));
  }

  /** shop-clb-rule.yaml with clbMixedTargets and a 50% failback step. */
  private Path mixedConfig() throws IOException {
    String config = Files.readString(SandboxDaemon.resource("failover/shop-clb-rule.yaml"));
    assertThat(config).contains("      kind: clb-rule\n", "steps: [100]");
    return Files.writeString(
        stateDir.resolve("shop-clb-rule-mixed.yaml"),
        config
            .replace(
                "      kind: clb-rule\n", "      kind: clb-rule\n      clbMixedTargets: true\n")
            .replace("steps: [100]", "steps: [50, 100]"));
  }

  private int noteLevel() {
    int level = scfLevel();
    if (levels.isEmpty() || levels.getLast() != level) {
      levels.add(level);
    }
    return level;
  }

  /** The SCF share the reconciler last read back from its actuator. */
  private int scfLevel() {
    Gauge gauge =
        sluice
            .daemon()
            .registry()
            .find(MeterNames.ROUTE_WEIGHT)
            .tags("backend", "scf", "route", "shop", "service", "shop", "state", "actual")
            .gauge();
    return gauge == null ? -1 : (int) Math.round(gauge.value());
  }
}
