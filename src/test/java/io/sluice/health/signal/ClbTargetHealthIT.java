package io.sluice.health.signal;

import static io.sluice.health.signal.SignalWorld.HEALTH_CHECK_BOUND;
import static io.sluice.health.signal.SignalWorld.RULE;
import static io.sluice.health.signal.SignalWorld.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.cloud.ClientSettings;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.GuardSettings;
import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.sandbox.api.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DescribeTargetHealth as a signal against the sandbox: the CLB's verdict becomes Up or Down, and
 * every way the control plane fails reads Inconclusive with its cause, never Down.
 */
final class ClbTargetHealthIT {
  private static final String ACTION = "DescribeTargetHealth";

  private final SignalWorld world = new SignalWorld();
  private final CloudGuards guards = new CloudGuards(world.vertx, SignalWorld.quickGuards());
  private final ClbTargetHealth signal = new SdkClbTargetHealth(world.clients(), guards);

  @AfterEach
  void close() throws Exception {
    guards.close();
    world.close();
  }

  private void awaitUp() {
    await()
        .atMost(HEALTH_CHECK_BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> join(signal.check(RULE)), SignalWorld::isUp);
  }

  @Test
  void allTargetsAliveReadsUpWithPerTargetDetail() throws Exception {
    awaitUp();

    ClbRuleHealth health = join(signal.read(RULE));
    assertThat(health.aliveFraction()).isEqualTo(1.0);
    assertThat(health.targets())
        .extracting(TargetState::targetId, TargetState::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(SignalWorld.INSTANCE_A, TargetStatus.ALIVE),
            org.assertj.core.groups.Tuple.tuple(SignalWorld.INSTANCE_B, TargetStatus.ALIVE));
  }

  @Test
  void bothInstancesStoppedReadsDownOnceTheHealthCheckMarksThemDead() {
    awaitUp();
    world.sandbox.instances().stop(SignalWorld.INSTANCE_A);
    world.sandbox.instances().stop(SignalWorld.INSTANCE_B);
    world.sandbox.reconcileInstances();

    ProbeOutcome outcome =
        await()
            .atMost(HEALTH_CHECK_BOUND)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> join(signal.check(RULE)), o -> o instanceof ProbeOutcome.Down);

    assertThat(outcome)
        .isEqualTo(
            new ProbeOutcome.Down(
                DownReason.CLOUD_REPORTED_UNHEALTHY,
                "0 of 2 targets Alive: ins-sig00001 Dead, ins-sig00002 Dead"));
  }

  @Test
  void aThresholdAboveOneHalfNeedsBothTargetsAlive() {
    ClbTargetHealth strict = new SdkClbTargetHealth(world.clients(), guards, 0.5);
    awaitUp();
    world.sandbox.instances().stop(SignalWorld.INSTANCE_A);
    world.sandbox.reconcileInstances();

    ProbeOutcome outcome =
        await()
            .atMost(HEALTH_CHECK_BOUND)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> join(strict.check(RULE)), o -> o instanceof ProbeOutcome.Down);

    assertThat(outcome.describe()).contains("1 of 2 targets Alive");
  }

  @Test
  void oneThrottleIsRetriedAndReadsUp() throws Exception {
    awaitUp();
    world.sandbox.faults().once(ACTION, new Fault.ApiError("RequestLimitExceeded", "too fast"));

    assertThat(join(signal.check(RULE))).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(world.sandbox.faults().take(ACTION)).isEmpty();
  }

  @Test
  void lastingThrottleReadsThrottled() throws Exception {
    world.sandbox.faults().untilCleared(ACTION, new Fault.ApiError("RequestLimitExceeded", "slow"));

    assertThat(cause(join(signal.check(RULE)))).isEqualTo(InconclusiveCause.CLOUD_API_THROTTLED);
  }

  @Test
  void http500ReadsCloudApiErrorNotDown() throws Exception {
    world.sandbox.faults().once(ACTION, new Fault.HttpStatus(500));

    ProbeOutcome outcome = join(signal.check(RULE));

    assertThat(cause(outcome)).isEqualTo(InconclusiveCause.CLOUD_API_ERROR);
    assertThat(outcome.describe()).contains("ServerSideError");
  }

  @Test
  void malformedJsonReadsCloudApiError() throws Exception {
    world.sandbox.faults().once(ACTION, new Fault.MalformedJson());

    assertThat(cause(join(signal.check(RULE)))).isEqualTo(InconclusiveCause.CLOUD_API_ERROR);
  }

  @Test
  void aBodyWithoutResponseReadsCloudApiError() throws Exception {
    world.sandbox.faults().once(ACTION, new Fault.MissingResponse());

    ProbeOutcome outcome = join(signal.check(RULE));

    assertThat(cause(outcome)).isEqualTo(InconclusiveCause.CLOUD_API_ERROR);
    assertThat(outcome.describe()).contains("NullPointerException");
  }

  @Test
  void anInternalErrorIsNotRetriedBlindly() throws Exception {
    world.sandbox.faults().times(ACTION, new Fault.ApiError("InternalError", "oops"), 2);

    ProbeOutcome outcome = join(signal.check(RULE));

    assertThat(cause(outcome)).isEqualTo(InconclusiveCause.CLOUD_API_ERROR);
    assertThat(outcome.describe()).contains("InternalError").contains("RequestId");
    assertThat(world.sandbox.faults().take(ACTION)).as("second fault left").isPresent();
  }

  @Test
  void aHangIsCutByTheReadTimeoutAndReadsCloudApiError() throws Exception {
    ClientSettings shortRead = world.settings().withReadTimeout(Duration.ofSeconds(1));
    CloudGuards once =
        new CloudGuards(world.vertx, GuardSettings.defaults().withRetries(1, Duration.ofMillis(1)));
    try {
      ClbTargetHealth impatient =
          new SdkClbTargetHealth(
              world.clients(
                  shortRead, world.sandbox.scenario().credentials().getFirst().secretKey()),
              once);
      world.sandbox.faults().untilCleared(ACTION, new Fault.Hang());

      ProbeOutcome outcome = join(impatient.check(RULE));

      assertThat(cause(outcome)).isEqualTo(InconclusiveCause.CLOUD_API_ERROR);
      assertThat(outcome.describe()).containsIgnoringCase("timeout");
    } finally {
      world.sandbox.faults().clearAll();
      once.close();
    }
  }

  @Test
  void aWrongSecretKeyReadsCredentialsAndIsReportedOnce() throws Exception {
    ClbTargetHealth refused =
        new SdkClbTargetHealth(world.clients(world.settings(), "not-the-secret"), guards);

    ProbeOutcome first = join(refused.check(RULE));
    join(refused.check(RULE));

    assertThat(cause(first)).isEqualTo(InconclusiveCause.CREDENTIALS);
    assertThat(first.describe()).startsWith("INCONCLUSIVE CREDENTIALS: AuthFailure.");
    assertThat(guards.credentialCodesReported()).hasSize(1);
  }

  @Test
  void repeatedFailuresOpenTheCircuitWithoutCallingTheCloud() throws Exception {
    world.sandbox.faults().times(ACTION, new Fault.HttpStatus(500), 4);
    for (int i = 0; i < 3; i++) {
      assertThat(cause(join(signal.check(RULE)))).isEqualTo(InconclusiveCause.CLOUD_API_ERROR);
    }

    ProbeOutcome refused = join(signal.check(RULE));

    assertThat(cause(refused)).isEqualTo(InconclusiveCause.CIRCUIT_OPEN);
    assertThat(world.sandbox.faults().take(ACTION))
        .as("the fourth armed fault was never consumed")
        .isPresent();
  }

  private static InconclusiveCause cause(ProbeOutcome outcome) {
    assertThat(outcome).isInstanceOf(ProbeOutcome.Inconclusive.class);
    return ((ProbeOutcome.Inconclusive) outcome).cause();
  }
}
