package io.sluice.controller.actuate.dns;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A record pair as read from DNSPod, and the split its weights express. */
record PairState(RecordPair pair, RecordState cvm, RecordState scf) {
  /** Code of an enabled record without a weight: DNSPod would answer every value, unweighted. */
  static final String UNWEIGHTED = "Sluice.UnweightedRecord";

  /** Code of a configured record id that belongs to another name. */
  static final String WRONG_HOST = "Sluice.RecordOfAnotherHost";

  PairState {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(cvm, "cvm");
    Objects.requireNonNull(scf, "scf");
  }

  /**
   * The pair's state, once both records are known to be the configured host's and weighted.
   *
   * @throws ActuationException UNKNOWN naming the record, for a record of another host or an
   *     enabled one without a weight: neither is a state Sluice can express or safely change
   */
  static PairState of(RecordPair pair, RecordState cvm, RecordState scf) {
    for (RecordState record : List.of(cvm, scf)) {
      if (!record.subdomain().equalsIgnoreCase(pair.subdomain())) {
        throw unknown(
            WRONG_HOST,
            "record "
                + record.recordId()
                + " is at host '"
                + record.subdomain()
                + "' of "
                + pair.zone()
                + ", not at "
                + pair.domain()
                + " as configured");
      }
      if (!record.readable()) {
        // Adding a weight would change how DNSPod answers for every record of the host, which
        // is the operator's decision, so Sluice does not do it on its own.
        throw unknown(
            UNWEIGHTED,
            pair.domain()
                + ": record "
                + record.recordId()
                + " is enabled without a weight; dns-weight needs weights set on both records");
      }
    }
    return new PairState(pair, cvm, scf);
  }

  RecordState state(Backend backend) {
    return backend == Backend.CVM ? cvm : scf;
  }

  int routedWeight(Backend backend) {
    return state(backend).routedWeight();
  }

  /** The split the weights give, or empty when neither record resolves. */
  Optional<TrafficSplit> split() {
    return splitOf(cvm.routedWeight(), scf.routedWeight());
  }

  /**
   * Weights as percent, rounded; empty when both are 0 (the name resolves to nothing). A record
   * with any weight never rounds to 0: the smallest share is 1 of 101, which rounds to 1 %.
   */
  static Optional<TrafficSplit> splitOf(int cvmWeight, int scfWeight) {
    int total = cvmWeight + scfWeight;
    if (total == 0) {
      return Optional.empty();
    }
    int cvmPercent = Math.toIntExact(Math.round(100.0 * cvmWeight / total));
    return Optional.of(new TrafficSplit(cvmPercent, 100 - cvmPercent));
  }

  /** Such as {@code shop.example.com: cvm record 1001 weight 100 ENABLE, scf record 1002 ...}. */
  String detail() {
    return pair.domain() + ": cvm " + cvm.describe() + ", scf " + scf.describe();
  }

  private static ActuationException unknown(String code, String message) {
    return new ActuationException(Outcome.UNKNOWN, code, message, List.of(), null);
  }
}
