package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.scf.v20180416.models.PutProvisionedConcurrencyConfigRequest;
import io.sluice.cloud.CloudClients;
import io.sluice.controller.api.DecisionHistory;
import io.sluice.controller.reconcile.PrewarmStatus;
import io.sluice.meters.MeterNames;
import io.sluice.sandbox.api.Mutation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCF pre-warm against the running daemon and the sandbox (reliability fault catalogue: a pre-warm
 * that never completes; restart amnesia for provisioned concurrency): shop's function version 1 is
 * pre-warmed before a failover, and the sandbox can be told never to finish provisioning.
 */
final class DaemonPrewarmIT {
  private static final Duration WAIT_FOR = Duration.ofSeconds(1);
  private static final Duration STEP_EVERY = Duration.ofSeconds(1);
  private static final Duration RELEASE_AFTER = Duration.ofSeconds(2);
  private static final String PUT = "PutProvisionedConcurrencyConfig";
  private static final String DELETE = "DeleteProvisionedConcurrencyConfig";

  @TempDir Path stateDir;

  /** Version 1 of shop's function pre-warmed, and failback steps the cold ramp climbs. */
  private static UnaryOperator<String> prewarmed(String prewarm) {
    return yaml ->
        yaml.replace(
                "        function: { name: hello-clb }",
                "        function: { name: hello-clb, qualifier: \"1\" }\n        prewarm: "
                    + prewarm)
            .replace(
                "          after: 1h",
                "          after: 1h\n          steps: [50, 100]\n          stepEvery: "
                    + STEP_EVERY.toSeconds()
                    + "s");
  }

  /** Provisioning in the sandbox never finishes. */
  private static String neverProvisioned(String world) {
    return world.replace(
        "  mixedRuleTargets: allowed\n",
        "  mixedRuleTargets: allowed\n  provisionedRampPerSecond: 0\n");
  }

  @Test
  void aPrewarmThatNeverCompletesIsReportedAndTheFailoverProceedsInSteps() throws Exception {
    try (FaultWorld world =
        FaultWorld.in(stateDir)
            .world(DaemonPrewarmIT::neverProvisioned)
            .config(
                prewarmed("{ provisionedConcurrency: 2, waitFor: " + WAIT_FOR.toSeconds() + "s }"))
            .start()) {
      world.awaitSteady();
      List<JsonNode> journal;
      try (TrafficSampler traffic = new TrafficSampler(world.cloud())) {
        world.stopCvm();
        await()
            .atMost(FaultWorld.FAILOVER_BOUND.plus(WAIT_FOR).plus(STEP_EVERY))
            .until(world::onScf);
        await()
            .atMost(FaultWorld.FAILOVER_BOUND)
            .until(() -> traffic.samples().size() > 0 && traffic.samples().getLast().equals("scf"));
        traffic.close();
        assertThat(traffic.counts())
            .doesNotContainKeys("no-target", "no-answer")
            .containsKey("scf");
        assertThat(traffic.emptyDnsAnswers()).isEmpty();
        journal = world.journal();
      }
      assertThat(world.rulesRoutingNowhere()).isEmpty();

      List<JsonNode> intents = FaultWorld.ofType(journal, "INTENT");
      assertThat(intents.stream().map(i -> i.at("/fields/desired").asText()).distinct())
          .as("the cold ramp: the failback steps the other way")
          .containsExactly("cvm=50,scf=50", "cvm=0,scf=100");
      assertThat(intents.getFirst().at("/fields/reason").asText())
          .contains("because the pre-warm of default/hello-clb:1 did not complete");
      Instant firstStep = Instant.parse(intents.getFirst().path("at").asText());
      Instant lastStep = Instant.parse(intents.getLast().path("at").asText());
      // stepEvery is kept on the monotonic clock at ticks; the journal stamps wall time when it
      // writes, which may run a little behind or ahead of it
      assertThat(Duration.between(firstStep, lastStep))
          .isGreaterThanOrEqualTo(STEP_EVERY.minus(FaultWorld.TICK));
      assertThat(FaultWorld.outcomes(journal)).last().isEqualTo("APPLIED");

      assertThat(prewarms(world, "timed_out")).isEqualTo(1);
      PrewarmStatus.State state = world.onContext(r -> r.prewarm().orElseThrow().state());
      assertThat(state).isEqualTo(PrewarmStatus.State.COLD);
      assertThat(mutations(world, PUT)).hasSize(1);
    }
  }

  @Test
  void aPrewarmLeftByAKilledRunIsReleasedOnceScfHasBeenIdleForReleaseAfter() throws Exception {
    try (FaultWorld world =
        FaultWorld.in(stateDir)
            .config(
                prewarmed(
                    "{ provisionedConcurrency: 2, releaseAfter: "
                        + RELEASE_AFTER.toSeconds()
                        + "s }"))
            .beforeDaemon(DaemonPrewarmIT::leaveAPrewarm)
            .start()) {
      world.awaitSteady();

      await()
          .atMost(FaultWorld.FAILOVER_BOUND.plus(RELEASE_AFTER))
          .until(() -> !mutations(world, DELETE).isEmpty());

      Mutation delete = mutations(world, DELETE).getFirst();
      // the idle time counts from the route's first decision, which may come well before the
      // world looks steady to the test on a busy machine
      Instant firstDecision =
          world
              .daemon()
              .desk()
              .history()
              .latest("shop", "shop", DecisionHistory.DEFAULT_CAPACITY)
              .getFirst()
              .since();
      assertThat(delete.parameters().getString("Qualifier")).isEqualTo("1");
      assertThat(Duration.between(firstDecision, delete.time()))
          .as("not before SCF has been idle for releaseAfter (counted from the first decision)")
          .isGreaterThanOrEqualTo(RELEASE_AFTER.minus(FaultWorld.TICK.multipliedBy(10)));
      assertThat(mutations(world, PUT)).as("only the earlier run's").hasSize(1);
      // counted once the daemon has the answer, just after the sandbox logged the write
      await().atMost(FaultWorld.FAILOVER_BOUND).until(() -> prewarms(world, "released") == 1);
      assertThat(world.onCvm()).isTrue();
    }
  }

  /** What a run killed after its pre-warm leaves behind: provisioned concurrency on version 1. */
  private static void leaveAPrewarm(EmbeddedCloud cloud) {
    PutProvisionedConcurrencyConfigRequest req = new PutProvisionedConcurrencyConfigRequest();
    req.setNamespace("default");
    req.setFunctionName(FaultWorld.FUNCTION);
    req.setQualifier("1");
    req.setVersionProvisionedConcurrencyNum(2L);
    try {
      new CloudClients(cloud.credential(), cloud.clientSettings())
          .scf()
          .PutProvisionedConcurrencyConfig(req);
    } catch (TencentCloudSDKException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Mutation> mutations(FaultWorld world, String action) {
    return world.sandbox().mutations().entries().stream()
        .filter(m -> m.action().equals(action))
        .toList();
  }

  private static double prewarms(FaultWorld world, String outcome) {
    return world.counter(MeterNames.PREWARM, outcome);
  }
}
