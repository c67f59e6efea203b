package io.sluice.controller.actuate.scf;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.Credential;
import io.sluice.cloud.ClientSettings;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.FunctionRef;
import io.sluice.cloud.GuardSettings;
import io.sluice.controller.actuate.StepLog;
import io.sluice.health.signal.SdkScfFunctionState;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.scenario.ScenarioLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK prewarmer against a sandbox whose function {@code fn-warm} has version 1: Put then Get
 * until ready, a provisioning that never finishes, a refusal, and Delete; every write journaled.
 */
final class SdkPrewarmerIT {
  private static final String SECRET_ID = "AKIDPREWARM0000000000000000000000000";
  private static final FunctionRef VERSION_1 = new FunctionRef("default", "fn-warm", "1");
  private static final String WORLD =
      """
      region: ap-guangzhou
      credentials:
        - {secretId: %s, secretKey: prewarm-secret-key-00000000000}
      settings:
        provisionedRampPerSecond: %s
      functions:
        - name: fn-warm
          type: Event
          code: {builtin: static, status: 200, contentType: text/plain, body: warm}
          versions: ["1"]
      """;

  private final List<String> journal = new ArrayList<>();
  private final Vertx vertx = Vertx.vertx();
  private Sandbox sandbox;
  private CloudGuards guards;

  private SdkPrewarmer prewarmer(String rampPerSecond) {
    sandbox =
        Sandbox.start(
            ScenarioLoader.parse("prewarm-world.yaml", WORLD.formatted(SECRET_ID, rampPerSecond)),
            Path.of("."));
    CloudClients clients =
        new CloudClients(
            new Credential(SECRET_ID, "prewarm-secret-key-00000000000"),
            ClientSettings.sandbox(sandbox.region(), sandbox.apiEndpoint()));
    guards = new CloudGuards(vertx, GuardSettings.defaults().withRetries(3, Duration.ofMillis(20)));
    return new SdkPrewarmer(
        clients, guards, new SdkScfFunctionState(clients, guards), vertx, System::nanoTime);
  }

  private final StepLog log =
      new StepLog() {
        @Override
        public io.vertx.core.Future<Void> before(String action, String target, String value) {
          journal.add("before " + action + " " + target + " " + value);
          return io.vertx.core.Future.succeededFuture();
        }

        @Override
        public void after(String action, String target, String requestId, String outcome) {
          journal.add("after " + action + " " + target + " " + outcome);
        }
      };

  @AfterEach
  void close() throws Exception {
    if (guards != null) {
      guards.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    join(vertx.close());
  }

  @Test
  void putsThenPollsUntilDoneWithEveryInstanceAvailable() throws Exception {
    SdkPrewarmer prewarmer = prewarmer("20");

    PrewarmOutcome outcome = join(prewarmer.prewarm(VERSION_1, 10, Duration.ofSeconds(20), log));

    assertThat(outcome)
        .isEqualTo(new PrewarmOutcome(PrewarmOutcome.Result.READY, "status Done, 10/10"));
    assertThat(journal)
        .containsExactly(
            "before PutProvisionedConcurrencyConfig default/fn-warm:1 provisionedConcurrency=10",
            "after PutProvisionedConcurrencyConfig default/fn-warm:1 APPLIED");
  }

  @Test
  void aProvisioningThatNeverFinishesTimesOutWithTheLastStatusSeen() throws Exception {
    SdkPrewarmer prewarmer = prewarmer("0");
    long started = System.nanoTime();

    PrewarmOutcome outcome = join(prewarmer.prewarm(VERSION_1, 5, Duration.ofSeconds(2), log));

    assertThat(outcome)
        .isEqualTo(new PrewarmOutcome(PrewarmOutcome.Result.TIMED_OUT, "status InProgress, 0/5"));
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("gives up at its budget, not long after")
        .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  @Test
  void aRefusedPutFailsWithTheCloudsCode() throws Exception {
    SdkPrewarmer prewarmer = prewarmer("20");
    FunctionRef unpublished = new FunctionRef("default", "fn-warm", "7");

    PrewarmOutcome outcome = join(prewarmer.prewarm(unpublished, 5, Duration.ofSeconds(5), log));

    assertThat(outcome.result()).isEqualTo(PrewarmOutcome.Result.FAILED);
    assertThat(outcome.detail()).startsWith("ResourceNotFound.Version");
    assertThat(journal.getLast()).contains("FAILED: ResourceNotFound.Version");
  }

  @Test
  void releaseDeletesTheVersionsProvisionedConcurrency() throws Exception {
    SdkPrewarmer prewarmer = prewarmer("0");
    join(prewarmer.prewarm(VERSION_1, 5, Duration.ofMillis(300), log));
    journal.clear();

    join(prewarmer.release(VERSION_1, log));

    assertThat(journal)
        .containsExactly(
            "before DeleteProvisionedConcurrencyConfig default/fn-warm:1 provisionedConcurrency=0",
            "after DeleteProvisionedConcurrencyConfig default/fn-warm:1 APPLIED");
    assertThat(sandbox.mutations().entries())
        .anySatisfy(m -> assertThat(m.action()).isEqualTo("DeleteProvisionedConcurrencyConfig"));
    // Released, the version can be provisioned again at once (no ProvisionedInProgress).
    PrewarmOutcome again = join(prewarmer.prewarm(VERSION_1, 5, Duration.ofMillis(300), log));
    assertThat(journal.getLast()).endsWith("APPLIED");
    assertThat(again.result()).isEqualTo(PrewarmOutcome.Result.TIMED_OUT);
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
