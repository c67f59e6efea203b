package io.sluice.health;

import io.sluice.policies.Verdict;

/**
 * One check (or sentinel) as one vantage point sees it: its counted {@link CheckState}, and the
 * status the board's tallies and verdicts hold for it at the board's time ({@link #held()}), which
 * the board moves only when the status really changes.
 *
 * <p>Mutable, and touched only by the board's thread.
 */
final class CheckAtVantage {
  private final WatchedCheck check;
  private final int vantage;
  // registration order, so that checks going stale at the same time are reported in that order
  final int order;
  private CheckState state = CheckState.initial();
  private Verdict held = Verdict.UNKNOWN;
  private long heldSince;
  // whether it is in the staleness queue ({@link StaleChecks})
  boolean armed;

  CheckAtVantage(WatchedCheck check, int vantage, int order) {
    this.check = check;
    this.vantage = vantage;
    this.order = order;
  }

  WatchedCheck check() {
    return check;
  }

  int vantage() {
    return vantage;
  }

  CheckState state() {
    return state;
  }

  /** Counts {@code result} into the state. */
  void record(ProbeResult result) {
    state = state.next(result, check.spec().thresholds(), check.spec().staleAfter());
  }

  /** The status at {@code nowNanos}, staleness included. */
  Verdict statusAt(long nowNanos) {
    return state.statusAt(nowNanos, check.spec().staleAfter());
  }

  /** Whether it has had an Up or Down, so that it can go stale. */
  boolean canGoStale() {
    return state.lastConclusiveNanos().isPresent();
  }

  /** When it goes stale without a further Up or Down; only when {@link #canGoStale()}. */
  long staleAfterNanos() {
    return state.lastConclusiveNanos().getAsLong() + check.spec().staleAfter().toNanos();
  }

  /** The status the board counts this as. */
  Verdict held() {
    return held;
  }

  /** When the held status began, as the state says; meaningful for DOWN. */
  long heldSince() {
    return heldSince;
  }

  /**
   * Whether the status at {@code nowNanos} differs from the one held (a DOWN that went DOWN again
   * at another time differs too: the guard reads when).
   */
  boolean differsAt(long nowNanos) {
    Verdict now = statusAt(nowNanos);
    return now != held || (now == Verdict.DOWN && sinceNanos() != heldSince);
  }

  /** Holds the status at {@code nowNanos}. */
  void hold(long nowNanos) {
    held = statusAt(nowNanos);
    heldSince = sinceNanos();
  }

  private long sinceNanos() {
    return state.changedAtNanos().orElse(0);
  }
}
