package io.sluice.health;

import io.sluice.policies.Verdict;
import java.util.HashMap;
import java.util.Map;

/** One check's state at each vantage point; the only mutable holder of {@link CheckState}s. */
final class WatchedCheck {
  private final CheckSpec spec;
  private final Map<String, CheckState> byVantage = new HashMap<>();

  WatchedCheck(CheckSpec spec) {
    this.spec = spec;
  }

  String name() {
    return spec.name();
  }

  void record(String vantage, ProbeResult result) {
    byVantage.put(vantage, state(vantage).next(result, spec.thresholds(), spec.staleAfter()));
  }

  CheckState state(String vantage) {
    return byVantage.getOrDefault(vantage, CheckState.initial());
  }

  Verdict statusAt(String vantage, long nowNanos) {
    return state(vantage).statusAt(nowNanos, spec.staleAfter());
  }
}
