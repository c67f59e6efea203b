package io.sluice.sandbox.dataplane.clb;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data plane's own record of the health checker's verdicts, read by target selection on every
 * request; every change is passed on to the control plane's {@link TargetHealthSink}.
 */
public final class TargetHealthLedger implements TargetHealthSink {

  private final Map<TargetKey, TargetHealth> verdicts = new ConcurrentHashMap<>();
  private final TargetHealthSink downstream;

  public TargetHealthLedger(TargetHealthSink downstream) {
    this.downstream = downstream;
  }

  @Override
  public void report(TargetKey target, TargetHealth health) {
    if (verdicts.put(target, health) != health) {
      downstream.report(target, health);
    }
  }

  /** Unknown until the checker has a verdict. */
  public TargetHealth health(TargetKey target) {
    return verdicts.getOrDefault(target, TargetHealth.UNKNOWN);
  }

  /** Forgets targets no longer bound, so a re-bound target starts from Unknown again. */
  void forget(TargetKey target) {
    verdicts.remove(target);
  }

  java.util.Set<TargetKey> known() {
    return verdicts.keySet();
  }
}
