package io.sluice.controller.actuate.dns;

import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes that take record pairs to a split, in a make-before-break order. A backend with a
 * share gets its record enabled with the share as its weight; a backend without one gets its record
 * disabled (its weight is left as it is). Writes a record already satisfies are left out, so
 * planning from the state just written plans nothing.
 *
 * <p>Order, per pair: the records of one backend (the lead) are written completely before the
 * other's; within a record the weight comes before ENABLE, so a record comes back with its new
 * weight rather than its old one. The lead is the backend gaining share, so it resolves before the
 * other is lowered or disabled: no intermediate state has both records off unless the start had.
 * The one exception: when the gaining record's own weight falls (100/100 to 30/70, SCF gaining and
 * going from 100 to 70), lowering the other first is what raises the gaining share; that write is
 * always a lowering to a weight above 0, never a DISABLE, since the gaining record's weight can
 * only fall when the other keeps a share. Either way the gaining share never dips below where it
 * began.
 *
 * <p>Across pairs, every pair's lead writes come before any pair's second writes, so in a failover
 * every name gains its standby before any name loses its primary.
 */
final class WritePlan {
  private WritePlan() {}

  static List<RecordWrite> of(List<PairState> pairs, TrafficSplit desired) {
    List<RecordWrite> first = new ArrayList<>();
    List<RecordWrite> second = new ArrayList<>();
    for (PairState pair : pairs) {
      Backend lead = lead(pair, desired);
      first.addAll(writes(pair, lead, desired.weight(lead)));
      second.addAll(writes(pair, lead.other(), desired.weight(lead.other())));
    }
    first.addAll(second);
    return List.copyOf(first);
  }

  /** The backend whose record is written first; see the class comment. */
  static Backend lead(PairState pair, TrafficSplit desired) {
    Backend gaining = gaining(pair, desired);
    return pair.routedWeight(gaining) <= desired.weight(gaining) ? gaining : gaining.other();
  }

  /**
   * The backend whose share rises, compared exactly (not after rounding). With no share change, or
   * when nothing resolves yet, the one with the larger desired share, CVM on a tie.
   */
  static Backend gaining(PairState pair, TrafficSplit desired) {
    int cvm = pair.routedWeight(Backend.CVM);
    int total = cvm + pair.routedWeight(Backend.SCF);
    // desired.cvm / 100 against cvm / total, without division
    long wanted = (long) desired.cvm() * total;
    long current = 100L * cvm;
    if (total == 0 || wanted == current) {
      return desired.cvm() >= desired.scf() ? Backend.CVM : Backend.SCF;
    }
    return wanted > current ? Backend.CVM : Backend.SCF;
  }

  /** The writes that give one backend's record its share, weight first. */
  static List<RecordWrite> writes(PairState pair, Backend backend, int share) {
    RecordState record = pair.state(backend);
    long id = pair.pair().recordId(backend);
    if (share == 0) {
      return record.enabled()
          ? List.of(new RecordWrite.SetStatus(pair.pair(), id, false))
          : List.of();
    }
    List<RecordWrite> writes = new ArrayList<>(2);
    if (record.weight() == null || record.weight() != share) {
      writes.add(new RecordWrite.SetWeight(pair.pair(), id, share));
    }
    if (!record.enabled()) {
      writes.add(new RecordWrite.SetStatus(pair.pair(), id, true));
    }
    return writes;
  }
}
