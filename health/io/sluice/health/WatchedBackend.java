package io.sluice.health;

import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend's rule and its checks (by name, in registration order), with the verdict the board last
 * judged for it and the one it last announced. Mutable, and touched only by the board's thread.
 */
final class WatchedBackend {
  final String service;
  final Backend backend;
  final BackendRule rule;
  private final Map<String, WatchedCheck> checks = new LinkedHashMap<>();
  // per vantage point: how many of its checks are DOWN there, for the guard's count of backends
  private final int[] downChecks;
  // per vantage point: the verdict its replica last reported (remote ones only), the verdict there
  // as last judged, and as last told to a vantage listener
  final Verdict[] reported;
  final Verdict[] atVantage;
  final Verdict[] toldAtVantage;
  Verdict verdict = Verdict.UNKNOWN;
  Verdict announced = Verdict.UNKNOWN;
  // whether it waits in the board's queue of backends to judge, of verdicts to announce, or of
  // verdicts at a vantage point to tell
  boolean dirty;
  boolean changed;
  boolean changedAtVantage;

  WatchedBackend(String service, Backend backend, BackendRule rule, int vantages) {
    this.service = service;
    this.backend = backend;
    this.rule = rule;
    this.downChecks = new int[vantages];
    this.reported = unknown(vantages);
    this.atVantage = unknown(vantages);
    this.toldAtVantage = unknown(vantages);
  }

  private static Verdict[] unknown(int vantages) {
    Verdict[] verdicts = new Verdict[vantages];
    Arrays.fill(verdicts, Verdict.UNKNOWN);
    return verdicts;
  }

  String where() {
    return service + "/" + backend.id();
  }

  Map<String, WatchedCheck> checks() {
    return checks;
  }

  void add(WatchedCheck check) {
    checks.put(check.name(), check);
  }

  /**
   * Counts one check more or fewer DOWN at {@code vantage}.
   *
   * @return +1 when the backend now has its first DOWN check there, -1 when its last one left, 0
   *     otherwise
   */
  int countDown(int vantage, int delta) {
    int before = downChecks[vantage];
    downChecks[vantage] += delta;
    if (before == 0 && delta > 0) {
      return 1;
    }
    return before + delta == 0 && delta < 0 ? -1 : 0;
  }

  /** Each check's status held at {@code vantage}, by name in registration order. */
  Map<String, Verdict> statusesAt(int vantage) {
    Map<String, Verdict> statuses = new LinkedHashMap<>();
    for (WatchedCheck check : checks.values()) {
      statuses.put(check.name(), check.at(vantage).held());
    }
    return statuses;
  }

  /** The check names, in registration order. */
  List<String> checkNames() {
    return new ArrayList<>(checks.keySet());
  }
}
