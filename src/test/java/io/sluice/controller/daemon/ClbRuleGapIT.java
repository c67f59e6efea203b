package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.sluice.meters.MeterNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one gap the issue allows: on a rule that cannot hold CVM targets and a function at once
 * ({@code mixedRuleTargets: rejected} in the sandbox, {@code clbMixedTargets: false} in the
 * config), a failover must deregister the instances before it registers the function, and the rule
 * routes to nothing in between. The gap must be as short as the API allows (the register task's
 * time and the polls that notice the tasks end), and reported: the daemon's {@code
 * sluice_actuation_unrouted} timer names it.
 */
final class ClbRuleGapIT {
  private static final Duration TASK = Duration.ofMillis(300);

  /**
   * What the gap may take: the register call and its task, the deregister task's end noticed no
   * later than the step runner's longest poll pause (1 s), and a poll pause for the register task
   * while the gap is open (those polls hurry, 50 ms); doubled for a shared 2-core CI machine.
   */
  private static final Duration GAP_BOUND =
      TASK.plus(Duration.ofSeconds(1)).plus(Duration.ofMillis(50)).multipliedBy(2);

  @TempDir Path stateDir;

  @Test
  void aSwitchOnARuleThatCannotHoldBothKindsRoutesNothingOnlyBrieflyAndSaysSo() throws Exception {
    try (FaultWorld world =
        FaultWorld.in(stateDir)
            .taskDuration(TASK.toMillis() + "ms")
            .world(w -> w.replace("mixedRuleTargets: allowed", "mixedRuleTargets: rejected"))
            .config(
                c ->
                    c.replace(
                        "clbMixedTargets: true         # register the function before"
                            + " deregistering the instances",
                        "clbMixedTargets: false"))
            .start()) {
      world.awaitSteady();
      try (TrafficSampler traffic = new TrafficSampler(world.cloud())) {
        world.stopCvm();
        await().atMost(FaultWorld.CONVERGE_BOUND).until(world::onScf);
        await()
            .atMost(FaultWorld.FAILOVER_BOUND)
            .until(() -> traffic.samples().size() > 0 && traffic.samples().getLast().equals("scf"));
        traffic.close();

        assertThat(traffic.longestRun("no-target"))
            .as("the data plane's gap, as the sampler saw it")
            .isLessThanOrEqualTo(GAP_BOUND);
        assertThat(traffic.counts()).doesNotContainKey("no-answer").containsKey("scf");
      }
      assertThat(world.rulesRoutingNowhere())
          .as("one state without a target: between the two writes")
          .hasSize(1);

      Timer unrouted =
          world
              .daemon()
              .registry()
              .find(MeterNames.UNROUTED)
              .tag(MeterNames.TAG_ACTION, "clb-rule")
              .timer();
      assertThat(unrouted).as("the gap is reported").isNotNull();
      assertThat(unrouted.count()).isEqualTo(1);
      assertThat(unrouted.totalTime(TimeUnit.NANOSECONDS))
          .isPositive()
          .isLessThanOrEqualTo(GAP_BOUND.toNanos());
    }
  }
}
