package io.sluice.health.signal;

import static io.sluice.health.signal.SignalWorld.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.scf.v20180416.models.PutProvisionedConcurrencyConfigRequest;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.FunctionRef;
import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.sandbox.SandboxClients;
import io.sluice.sandbox.api.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CVM instance-state and SCF function-state signals against the sandbox. */
final class CvmAndScfStateIT {
  private static final List<String> BOTH = List.of(SignalWorld.INSTANCE_A, SignalWorld.INSTANCE_B);

  private final SignalWorld world = new SignalWorld();
  private final CloudGuards guards = new CloudGuards(world.vertx, SignalWorld.quickGuards());
  private final CvmInstanceState cvm = new SdkCvmInstanceState(world.clients(), guards);
  private final ScfFunctionState scf = new SdkScfFunctionState(world.clients(), guards);

  @AfterEach
  void close() throws Exception {
    guards.close();
    world.close();
  }

  @Test
  void runningInstancesReadUp() throws Exception {
    assertThat(join(cvm.check(BOTH))).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(join(cvm.read(BOTH)).byInstance())
        .containsEntry(SignalWorld.INSTANCE_A, "RUNNING")
        .containsEntry(SignalWorld.INSTANCE_B, "RUNNING");
  }

  @Test
  void oneStoppedInstanceStillReadsUp() throws Exception {
    world.sandbox.instances().stop(SignalWorld.INSTANCE_A);

    assertThat(join(cvm.check(BOTH))).isInstanceOf(ProbeOutcome.Up.class);
  }

  @Test
  void allStoppedReadsDownNamingEachState() throws Exception {
    world.sandbox.instances().stop(SignalWorld.INSTANCE_A);
    world.sandbox.instances().stop(SignalWorld.INSTANCE_B);

    assertThat(join(cvm.check(BOTH)))
        .isEqualTo(
            new ProbeOutcome.Down(
                DownReason.CLOUD_REPORTED_UNHEALTHY,
                "0 of 2 instances RUNNING: ins-sig00001 STOPPED, ins-sig00002 STOPPED"));
  }

  @Test
  void aCvmApiErrorReadsInconclusive() throws Exception {
    world.sandbox.faults().once("DescribeInstancesStatus", new Fault.HttpStatus(503));

    assertThat(join(cvm.check(BOTH))).isInstanceOf(ProbeOutcome.Inconclusive.class);
  }

  @Test
  void anActiveEventFunctionReadsUp() throws Exception {
    assertThat(join(scf.check(FunctionRef.latest("fn-event")))).isInstanceOf(ProbeOutcome.Up.class);
  }

  @Test
  void anHttpFunctionReadsDownBecauseClbCannotForwardToIt() throws Exception {
    ProbeOutcome outcome = join(scf.check(FunctionRef.latest("fn-http")));

    assertThat(outcome).isInstanceOf(ProbeOutcome.Down.class);
    assertThat(outcome.describe()).contains("CLOUD_REPORTED_UNHEALTHY").contains("HTTP");
  }

  @Test
  void anUnknownFunctionIsAnApiErrorNotDown() throws Exception {
    ProbeOutcome outcome = join(scf.check(FunctionRef.latest("fn-missing")));

    assertThat(outcome).isInstanceOf(ProbeOutcome.Inconclusive.class);
    assertThat(((ProbeOutcome.Inconclusive) outcome).cause())
        .isEqualTo(InconclusiveCause.CLOUD_API_ERROR);
    assertThat(outcome.describe()).contains("ResourceNotFound");
  }

  @Test
  void provisionedConcurrencyIsReadyOnceEveryInstanceIsAvailable() throws Exception {
    FunctionRef version1 = new FunctionRef("default", "fn-event", "1");
    assertThat(join(scf.provisioned(version1)).ready()).isFalse();

    PutProvisionedConcurrencyConfigRequest put = new PutProvisionedConcurrencyConfigRequest();
    put.setFunctionName("fn-event");
    put.setQualifier("1");
    put.setVersionProvisionedConcurrencyNum(2L);
    SandboxClients.client(world.sandbox, com.tencentcloudapi.scf.v20180416.ScfClient.class)
        .PutProvisionedConcurrencyConfig(put);

    ProvisionedReadiness ready =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> join(scf.provisioned(version1)), ProvisionedReadiness::ready);
    assertThat(ready).isEqualTo(new ProvisionedReadiness("1", "Done", 2, 2));
  }
}
