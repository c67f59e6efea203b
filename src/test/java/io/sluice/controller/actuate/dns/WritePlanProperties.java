package io.sluice.controller.actuate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The plan's guarantees over any readable starting state of one to three record pairs and any
 * split: it converges, it is idempotent, and each write keeps make-before-break, checked on the
 * state after every single write as DNSPod would hold it.
 */
final class WritePlanProperties {

  @Property(tries = 500)
  void theWritesReachTheSplitWithCanonicalRecords(
      @ForAll("routes") List<PairState> start, @ForAll("splits") TrafficSplit desired) {
    List<RecordWrite> plan = WritePlan.of(start, desired);

    for (PairState pair : start) {
      PairState end = Records.afterWrites(pair, plan);
      assertThat(end.split()).as("%s", end.detail()).contains(desired);
      for (Backend b : Backend.values()) {
        RecordState record = end.state(b);
        if (desired.routesTo(b)) {
          assertThat(record.enabled()).isTrue();
          assertThat(record.weight()).isEqualTo(desired.weight(b));
        } else {
          assertThat(record.enabled()).as("%s", end.detail()).isFalse();
        }
      }
    }
  }

  @Property(tries = 500)
  void planningAgainFromTheResultWritesNothing(
      @ForAll("routes") List<PairState> start, @ForAll("splits") TrafficSplit desired) {
    List<RecordWrite> plan = WritePlan.of(start, desired);
    List<PairState> end = start.stream().map(p -> Records.afterWrites(p, plan)).toList();

    assertThat(WritePlan.of(end, desired)).isEmpty();
  }

  @Property(tries = 500)
  void aNameThatResolvedNeverStopsResolvingMidway(
      @ForAll("routes") List<PairState> start, @ForAll("splits") TrafficSplit desired) {
    List<RecordWrite> plan = WritePlan.of(start, desired);

    for (PairState pair : start) {
      if (pair.split().isEmpty()) {
        continue;
      }
      PairState now = pair;
      for (RecordWrite write : plan) {
        now = Records.afterWrite(now, write);
        assertThat(now.split()).as("after %s: %s", write.value(), now.detail()).isPresent();
      }
    }
  }

  @Property(tries = 500)
  void theGainingBackendsShareNeverFallsBelowWhereItStarted(
      @ForAll("routes") List<PairState> start, @ForAll("splits") TrafficSplit desired) {
    List<RecordWrite> plan = WritePlan.of(start, desired);

    for (PairState pair : start) {
      if (pair.split().isEmpty() || pair.split().get().equals(desired)) {
        continue;
      }
      Backend gaining = desired.cvm() > pair.split().get().cvm() ? Backend.CVM : Backend.SCF;
      double startShare = share(pair, gaining);
      PairState now = pair;
      for (RecordWrite write : plan) {
        now = Records.afterWrite(now, write);
        assertThat(share(now, gaining))
            .as("%s share after %s: %s", gaining, write.value(), now.detail())
            .isGreaterThanOrEqualTo(startShare);
      }
    }
  }

  @Property(tries = 200)
  void weightWritesAreAlwaysWithinDnspodsRangeAndNeverZero(
      @ForAll("routes") List<PairState> start, @ForAll("splits") TrafficSplit desired) {
    for (RecordWrite write : WritePlan.of(start, desired)) {
      if (write instanceof RecordWrite.SetWeight weight) {
        assertThat(weight.weight()).isBetween(1, 100);
      }
    }
  }

  private static double share(PairState pair, Backend backend) {
    int total = pair.routedWeight(Backend.CVM) + pair.routedWeight(Backend.SCF);
    return total == 0 ? 0 : (double) pair.routedWeight(backend) / total;
  }

  @Provide
  Arbitrary<TrafficSplit> splits() {
    return Arbitraries.oneOf(
        Arbitraries.of(new TrafficSplit(100, 0), new TrafficSplit(0, 100)),
        Arbitraries.integers().between(0, 100).map(cvm -> new TrafficSplit(cvm, 100 - cvm)));
  }

  @Provide
  Arbitrary<List<PairState>> routes() {
    return Combinators.combine(records(), records())
        .as(List::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(WritePlanProperties::pairs);
  }

  /** Readable records: a disabled one may lack a weight, an enabled one may not. */
  private static Arbitrary<RecordState> records() {
    Arbitrary<Integer> weights =
        Arbitraries.oneOf(Arbitraries.of(0, 1, 100), Arbitraries.integers().between(0, 100));
    return Arbitraries.oneOf(
        weights.map(w -> new RecordState(0, "h", true, w)),
        weights.injectNull(0.3).map(w -> new RecordState(0, "h", false, w)));
  }

  private static List<PairState> pairs(List<List<RecordState>> records) {
    List<PairState> pairs = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      RecordPair pair = new RecordPair("example.com", "h" + i, 1000 + 2 * i, 1001 + 2 * i);
      pairs.add(Records.pair(pair, records.get(i).get(0), records.get(i).get(1)));
    }
    return pairs;
  }
}
