package io.sluice.controller.actuate.dns;

import static io.sluice.controller.actuate.dns.DnsWorld.SALE;
import static io.sluice.controller.actuate.dns.DnsWorld.SHOP;
import static io.sluice.controller.actuate.dns.DnsWorld.SHOP_CVM;
import static io.sluice.controller.actuate.dns.DnsWorld.SHOP_SCF;
import static io.sluice.controller.actuate.dns.DnsWorld.WWW;
import static io.sluice.controller.actuate.dns.DnsWorld.failureOf;
import static io.sluice.controller.actuate.dns.DnsWorld.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import io.sluice.sandbox.api.Mutation;
import io.sluice.sandbox.dnspod.DnsAnswer;
import io.sluice.sandbox.dnspod.RecordStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dns-weight actuator against the sandbox's DNSPod over the wire, with the answers of its
 * authoritative DNS server as the proof that traffic moved.
 */
final class DnsWeightActuatorIT {
  private static final TrafficSplit ALL_CVM = TrafficSplit.allOn(Backend.CVM);
  private static final TrafficSplit ALL_SCF = TrafficSplit.allOn(Backend.SCF);
  private static final String SHOP_NAME = "shop.example.com.";

  private final DnsWorld world = new DnsWorld();
  private final DnsWeightActuator shop = world.actuator(SHOP);

  @AfterEach
  void close() throws Exception {
    world.close();
  }

  private Applied apply(DnsWeightActuator actuator, TrafficSplit split, StepLog log)
      throws Exception {
    return join(actuator.apply(split, join(actuator.read()), log));
  }

  private List<String> mutationIds() {
    return world.sandbox.mutations().entries().stream().map(Mutation::requestId).toList();
  }

  @Test
  void readReportsTheSplitAndEveryRecord() throws Exception {
    Routing routing = join(shop.read());

    assertThat(routing)
        .isEqualTo(
            new Routing(
                ALL_CVM,
                "shop.example.com: cvm record 1001 weight 100 ENABLE,"
                    + " scf record 1002 weight 0 DISABLE",
                true));
    assertThat(shop.kind()).isEqualTo("dns-weight");
  }

  @Test
  void failingOverChangesBothRecordsAndEveryAnswerIsThenScf() throws Exception {
    assertThat(world.answers(SHOP_NAME, 20)).containsOnlyKeys(SHOP_CVM);

    Applied applied = apply(shop, ALL_SCF, StepLog.NONE);

    assertThat(applied.after().split()).isEqualTo(ALL_SCF);
    assertThat(applied.gap()).isEmpty();
    assertThat(world.record(1001).status()).isEqualTo(RecordStatus.DISABLE);
    assertThat(world.record(1002).status()).isEqualTo(RecordStatus.ENABLE);
    assertThat(world.record(1002).weight()).isEqualTo(100);
    assertThat(applied.requestIds()).hasSize(3).isEqualTo(mutationIds());
    assertThat(world.answers(SHOP_NAME, 50)).isEqualTo(Map.of(SHOP_SCF, 50));
  }

  @Test
  void aSeventyThirtySplitWeightsBothRecordsAndTheAnswersFollowIt() throws Exception {
    Applied applied = apply(shop, new TrafficSplit(70, 30), StepLog.NONE);

    assertThat(applied.after().split()).isEqualTo(new TrafficSplit(70, 30));
    assertThat(world.record(1001).weight()).isEqualTo(70);
    assertThat(world.record(1002).weight()).isEqualTo(30);
    assertThat(world.record(1002).status()).isEqualTo(RecordStatus.ENABLE);
    Map<String, Integer> answers = world.answers(SHOP_NAME, 1000);
    // Binomial(1000, 0.3): a standard deviation of about 14.5; 60 is about four of them
    assertThat(answers.get(SHOP_CVM)).isBetween(640, 760);
    assertThat(answers.get(SHOP_SCF)).isBetween(240, 360);
  }

  @Test
  void applyingTheSameSplitAgainWritesNothing() throws Exception {
    apply(shop, new TrafficSplit(70, 30), StepLog.NONE);
    int writes = world.sandbox.mutations().entries().size();
    DnsWorld.Journal journal = world.new Journal();

    Applied again = apply(shop, new TrafficSplit(70, 30), journal);

    assertThat(again.requestIds()).isEmpty();
    assertThat(again.after().split()).isEqualTo(new TrafficSplit(70, 30));
    assertThat(world.sandbox.mutations().entries()).hasSize(writes);
    assertThat(journal.lines).isEmpty();
  }

  @Test
  void noMomentOfAFailoverLeavesANameResolvingToNothing() throws Exception {
    DnsWeightActuator both = world.actuator(SHOP, SALE);
    DnsWorld.Journal journal = world.new Journal(SHOP_NAME, "sale.example.com.");

    Applied applied = apply(both, ALL_SCF, journal);

    assertThat(applied.after())
        .extracting(Routing::split, Routing::uniform)
        .containsExactly(ALL_SCF, true);
    assertThat(journal.moments).hasSize(2 * applied.requestIds().size());
    for (Map<String, List<DnsAnswer>> moment : journal.moments) {
      moment.forEach(
          (name, answers) ->
              assertThat(answers)
                  .as("%s resolvable at every step: %s", name, journal.lines)
                  .anyMatch(a -> a.weight() == null || a.weight() > 0));
    }
    assertThat(journal.lines)
        .containsExactly(
            "before ModifyRecordFields shop.example.com record 1002 weight=100",
            "after ModifyRecordFields shop.example.com record 1002 APPLIED",
            "before ModifyRecordStatus shop.example.com record 1002 status=ENABLE",
            "after ModifyRecordStatus shop.example.com record 1002 APPLIED",
            "before ModifyRecordFields sale.example.com record 1004 weight=100",
            "after ModifyRecordFields sale.example.com record 1004 APPLIED",
            "before ModifyRecordStatus sale.example.com record 1004 status=ENABLE",
            "after ModifyRecordStatus sale.example.com record 1004 APPLIED",
            "before ModifyRecordStatus shop.example.com record 1001 status=DISABLE",
            "after ModifyRecordStatus shop.example.com record 1001 APPLIED",
            "before ModifyRecordStatus sale.example.com record 1003 status=DISABLE",
            "after ModifyRecordStatus sale.example.com record 1003 APPLIED");
  }

  @Test
  void pairsThatDisagreeReadNotUniformAndConvergeOnApply() throws Exception {
    DnsWeightActuator both = world.actuator(SHOP, SALE);
    apply(world.actuator(SALE), ALL_SCF, StepLog.NONE);

    Routing split = join(both.read());
    Applied applied = join(both.apply(ALL_SCF, split, StepLog.NONE));

    assertThat(split.uniform()).isFalse();
    assertThat(split.split()).as("the first pair's").isEqualTo(ALL_CVM);
    assertThat(split.detail()).contains("shop.example.com: ").contains("; sale.example.com: ");
    assertThat(applied.after().uniform()).isTrue();
    assertThat(applied.after().split()).isEqualTo(ALL_SCF);
  }

  @Test
  void bothRecordsOffReadsUnknownAndApplyRestoresTheName() throws Exception {
    apply(shop, ALL_SCF, StepLog.NONE);
    world
        .sandbox
        .dns()
        .save(
            world.sandbox.dns().domain(DnsWorld.ZONE, java.util.Optional.empty()),
            world.record(1002).withStatus(RecordStatus.DISABLE, java.time.Instant.now()));

    ActuationException nothing = failureOf(shop.read());
    Applied applied = join(shop.apply(ALL_SCF, new Routing(ALL_SCF, "", true), StepLog.NONE));

    assertThat(nothing.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(nothing.code()).isEqualTo(DnsWeightActuator.ROUTES_NOTHING);
    assertThat(nothing.getMessage()).contains("shop.example.com").contains("resolves to nothing");
    assertThat(applied.after().split()).isEqualTo(ALL_SCF);
    assertThat(world.answers(SHOP_NAME, 5)).isEqualTo(Map.of(SHOP_SCF, 5));
  }

  @Test
  void anEnabledRecordWithoutWeightIsUnknownAndNeverWritten() throws Exception {
    DnsWeightActuator www = world.actuator(WWW);

    ActuationException read = failureOf(www.read());
    ActuationException apply =
        failureOf(www.apply(ALL_CVM, new Routing(ALL_CVM, "", true), StepLog.NONE));

    assertThat(read.code()).isEqualTo(PairState.UNWEIGHTED);
    assertThat(read.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(read.getMessage()).contains("www.example.com: record 1005");
    assertThat(apply.code()).isEqualTo(PairState.UNWEIGHTED);
    assertThat(world.sandbox.mutations().entries()).isEmpty();
  }

  @Test
  void aRecordIdThatDoesNotExistReadsUnknownWithTheCloudsCode() throws Exception {
    DnsWeightActuator wrong = world.actuator(DnsWorld.pair("shop", 1001, 4242));

    ActuationException e = failureOf(wrong.read());

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo("InvalidParameter.RecordIdInvalid");
    assertThat(e.getMessage()).startsWith("DescribeRecord shop.example.com record 4242: ");
  }

  @Test
  void aRecordOfAnotherHostReadsUnknown() throws Exception {
    DnsWeightActuator crossed = world.actuator(DnsWorld.pair("shop", 1001, 1004));

    ActuationException e = failureOf(crossed.read());

    assertThat(e.code()).isEqualTo(PairState.WRONG_HOST);
    assertThat(e.getMessage()).contains("record 1004 is at host 'sale'");
  }
}
