package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import java.time.Duration;

/**
 * One route at one simulated instant: what was true, what the verdicts said, and what the policy
 * decided (the split after the decision).
 */
record Tick(
    Duration at,
    String route,
    boolean cvmHealthy,
    boolean scfHealthy,
    Verdict cvm,
    Verdict scf,
    TrafficSplit before,
    Decision decision) {

  TrafficSplit split() {
    return decision.split();
  }

  boolean healthy(Backend backend) {
    return backend == Backend.CVM ? cvmHealthy : scfHealthy;
  }

  boolean changed() {
    return !before.equals(decision.split());
  }

  /** The percentage of traffic sent to a backend that is really down. */
  int weightOnBrokenBackends() {
    int w = 0;
    for (Backend b : Backend.values()) {
      if (!healthy(b)) {
        w += split().weight(b);
      }
    }
    return w;
  }
}
