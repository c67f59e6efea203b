package io.sluice.controller.actuate.dns;

import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;

/** Record pairs and states for the pure tests, written as briefly as the cases need. */
final class Records {
  static final RecordPair SHOP = new RecordPair("example.com", "shop", 1001, 1002);
  static final RecordPair SALE = new RecordPair("example.com", "sale", 1003, 1004);

  private Records() {}

  static RecordState on(long id, Integer weight) {
    return new RecordState(id, "shop", true, weight);
  }

  static RecordState off(long id, Integer weight) {
    return new RecordState(id, "shop", false, weight);
  }

  /** A pair of {@link #SHOP} (or another pair at host shop) with the two states. */
  static PairState pair(RecordPair pair, RecordState cvm, RecordState scf) {
    return PairState.of(
        pair,
        new RecordState(pair.cvmRecordId(), pair.subdomain(), cvm.enabled(), cvm.weight()),
        new RecordState(pair.scfRecordId(), pair.subdomain(), scf.enabled(), scf.weight()));
  }

  static PairState shop(RecordState cvm, RecordState scf) {
    return pair(SHOP, cvm, scf);
  }

  /** The pair after the writes, as DNSPod would apply them. */
  static PairState afterWrites(PairState state, Iterable<RecordWrite> writes) {
    PairState now = state;
    for (RecordWrite write : writes) {
      now = afterWrite(now, write);
    }
    return now;
  }

  static PairState afterWrite(PairState state, RecordWrite write) {
    if (!write.pair().equals(state.pair())) {
      return state;
    }
    Backend backend = write.recordId() == state.pair().cvmRecordId() ? Backend.CVM : Backend.SCF;
    RecordState r = state.state(backend);
    RecordState changed =
        switch (write) {
          case RecordWrite.SetWeight w ->
              new RecordState(r.recordId(), r.subdomain(), r.enabled(), w.weight());
          case RecordWrite.SetStatus s ->
              new RecordState(r.recordId(), r.subdomain(), s.enable(), r.weight());
        };
    return backend == Backend.CVM
        ? new PairState(state.pair(), changed, state.scf())
        : new PairState(state.pair(), state.cvm(), changed);
  }

  static TrafficSplit split(int cvm, int scf) {
    return new TrafficSplit(cvm, scf);
  }
}
