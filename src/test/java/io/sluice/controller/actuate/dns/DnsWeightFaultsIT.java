package io.sluice.controller.actuate.dns;

import static io.sluice.controller.actuate.dns.DnsWorld.SHOP;
import static io.sluice.controller.actuate.dns.DnsWorld.failureOf;
import static io.sluice.controller.actuate.dns.DnsWorld.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cloud.GuardSettings;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.StepLog;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import io.sluice.sandbox.api.Fault;
import io.sluice.sandbox.dnspod.RecordStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failover of {@code shop} (CVM enabled at 100, SCF disabled at 0) while DNSPod misbehaves. The
 * plan is: weight 1002 to 100, enable 1002, disable 1001. A refused write is FAILED, a write that
 * may or may not have landed is UNKNOWN, and in both cases the CVM record still resolves and the
 * next apply finishes the job.
 */
final class DnsWeightFaultsIT {
  private static final TrafficSplit ALL_SCF = TrafficSplit.allOn(Backend.SCF);
  private static final String WEIGHT = "ModifyRecordFields";
  private static final String STATUS = "ModifyRecordStatus";

  private final DnsWorld world = new DnsWorld();
  private final DnsWeightActuator shop = world.actuator(SHOP);

  @AfterEach
  void close() throws Exception {
    world.close();
  }

  private Applied failOver(StepLog journal) throws Exception {
    return join(shop.apply(ALL_SCF, join(shop.read()), journal));
  }

  private ActuationException failOverFails(StepLog journal) throws Exception {
    return failureOf(shop.apply(ALL_SCF, join(shop.read()), journal));
  }

  private List<String> writesMade() {
    return world.sandbox.mutations().entries().stream()
        .map(m -> m.action() + " " + m.parameters().getLong("RecordId"))
        .toList();
  }

  private void assertCvmStillServes() {
    assertThat(world.record(1001).status()).isEqualTo(RecordStatus.ENABLE);
    assertThat(world.record(1001).weight()).isEqualTo(100);
  }

  @Test
  void aThrottledWriteIsRetriedAndApplied() throws Exception {
    world.sandbox.faults().once(STATUS, new Fault.ApiError("RequestLimitExceeded", "slow down"));

    Applied applied = failOver(world.new Journal());

    assertThat(applied.after().split()).isEqualTo(ALL_SCF);
    assertThat(world.sandbox.faults().take(STATUS)).as("the throttle was met").isEmpty();
    assertThat(writesMade()).containsExactly(WEIGHT + " 1002", STATUS + " 1002", STATUS + " 1001");
  }

  @Test
  void http500OnAWriteIsUnknownAndTheNextApplyFinishesTheJob() throws Exception {
    world.sandbox.faults().once(STATUS, new Fault.HttpStatus(500));
    DnsWorld.Journal journal = world.new Journal();

    ActuationException e = failOverFails(journal);

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo("ServerSideError");
    assertThat(e.requestIds())
        .as("the weight write before it")
        .containsExactly(world.sandbox.mutations().entries().getFirst().requestId());
    assertThat(journal.lines.getLast())
        .startsWith(
            "after ModifyRecordStatus shop.example.com record 1002 UNKNOWN: ServerSideError");
    assertCvmStillServes();

    Applied second = failOver(StepLog.NONE);

    assertThat(second.after().split()).isEqualTo(ALL_SCF);
    assertThat(second.requestIds()).as("enable 1002, disable 1001").hasSize(2);
  }

  @Test
  void internalErrorOnAWriteIsUnknownAndTheNextApplyFinishesTheJob() throws Exception {
    world.sandbox.faults().once(WEIGHT, new Fault.ApiError("InternalError", "try later"));

    ActuationException e = failOverFails(world.new Journal());

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo("InternalError");
    assertThat(e.getMessage()).contains("record 1002 weight=100").contains("RequestId");
    assertThat(e.requestIds()).isEmpty();
    assertThat(writesMade()).isEmpty();
    assertThat(failOver(StepLog.NONE).after().split()).isEqualTo(ALL_SCF);
  }

  @Test
  void malformedJsonAfterAWriteIsUnknown() throws Exception {
    world.sandbox.faults().once(WEIGHT, new Fault.MalformedJson());

    ActuationException e = failOverFails(world.new Journal());

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo(DnspodFailures.MALFORMED);
    assertCvmStillServes();
  }

  @Test
  void aReadAnswerWithoutResponseIsUnknown() throws Exception {
    world.sandbox.faults().once("DescribeRecord", new Fault.MissingResponse());

    ActuationException e = failureOf(shop.read());

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo(DnspodFailures.MALFORMED);
    assertThat(e.getMessage()).startsWith("DescribeRecord shop.example.com record");
  }

  @Test
  void aRejectedWriteFailsWithItsCodeAndNothingIsDisabled() throws Exception {
    world
        .sandbox
        .faults()
        .once(STATUS, new Fault.ApiError("OperationDenied.NoPermissionToOperateDomain", "no"));
    DnsWorld.Journal journal = world.new Journal();

    ActuationException e = failOverFails(journal);

    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.code()).isEqualTo("OperationDenied.NoPermissionToOperateDomain");
    assertThat(e.requestIds()).hasSize(1);
    assertThat(journal.lines.subList(0, 3))
        .containsExactly(
            "before ModifyRecordFields shop.example.com record 1002 weight=100",
            "after ModifyRecordFields shop.example.com record 1002 APPLIED",
            "before ModifyRecordStatus shop.example.com record 1002 status=ENABLE");
    assertThat(journal.lines.getLast())
        .startsWith(
            "after ModifyRecordStatus shop.example.com record 1002 FAILED:"
                + " OperationDenied.NoPermissionToOperateDomain: no (RequestId ");
    assertCvmStillServes();
  }

  @Test
  void aWriteThatOutlivesItsCallBudgetIsUnknown() throws Exception {
    GuardSettings impatient =
        new GuardSettings(
            0.75,
            Duration.ofSeconds(2),
            1,
            Duration.ofMillis(20),
            Duration.ofSeconds(2),
            Duration.ofSeconds(60),
            3,
            50f,
            Duration.ofSeconds(30),
            Duration.ofMillis(300));
    DnsWeightActuator hurried =
        world.actuator(
            impatient, world.settings().withReadTimeout(Duration.ofSeconds(1)), List.of(SHOP));
    world.sandbox.faults().once(WEIGHT, new Fault.Hang());

    // read by the patient actuator: a 300 ms budget is the write's, and a loaded machine could
    // spend it on the read before the write it is about
    ActuationException e = failureOf(hurried.apply(ALL_SCF, join(shop.read()), StepLog.NONE));

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo(DnspodFailures.BUDGET_SPENT);
    assertThat(failOver(StepLog.NONE).after().split()).isEqualTo(ALL_SCF);
  }
}
