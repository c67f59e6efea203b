package io.sluice.health;

import io.sluice.policies.Verdict;
import java.util.TreeMap;

/**
 * What one vantage point sees of every check and sentinel, counted: the {@link CorrelationGuard}'s
 * whole input, kept up to date as the board's statuses change.
 *
 * <p>Why counts: the guard's rule looks at everything a vantage point watches, and rebuilding that
 * view after every probe result made the board's work grow with the square of the checks per
 * result. A status change moves one check between counts instead: constant time for the counts, and
 * logarithmic for the DOWN times (a sorted multiset, for the spread), paid only when a status
 * changes, not on every result. The guard's finding is cached here and re-assessed after every
 * change; only when it flips must every backend be judged again.
 *
 * <p>The DOWN times are kept as offsets from the first time this tally saw, so that their natural
 * order survives the wrap-around of the monotonic clock (valid while the process lives less than
 * 292 years).
 */
final class VantageTally {
  private int up;
  private int downChecks;
  private int downSentinels;
  private int downTargets;
  private final TreeMap<Long, Integer> downSince = new TreeMap<>();
  private boolean originSet;
  private long origin;
  private boolean suspect;

  /** Counts {@code seen} as the status it holds now. */
  void enter(CheckAtVantage seen) {
    count(seen, 1);
  }

  /** Stops counting {@code seen} as the status it holds now. */
  void leave(CheckAtVantage seen) {
    count(seen, -1);
  }

  private void count(CheckAtVantage seen, int delta) {
    if (seen.held() == Verdict.UP) {
      up += delta;
    } else if (seen.held() == Verdict.DOWN) {
      WatchedBackend owner = seen.check().owner();
      if (owner == null) {
        downSentinels += delta;
      } else {
        downChecks += delta;
        downTargets += owner.countDown(seen.vantage(), delta);
      }
      downSince.merge(offset(seen.heldSince()), delta, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  private long offset(long nanos) {
    if (!originSet) {
      origin = nanos;
      originSet = true;
    }
    return nanos - origin;
  }

  /**
   * Re-assesses the guard's finding after a count changed.
   *
   * @return whether the finding flipped, so that every backend must be judged again
   */
  boolean reassess(CorrelationGuard guard) {
    boolean now = guard.fires(this);
    boolean flipped = now != suspect;
    suspect = now;
    return flipped;
  }

  /** Whether the guard holds this vantage point's own network to blame, as last assessed. */
  boolean suspect() {
    return suspect;
  }

  int up() {
    return up;
  }

  int downChecks() {
    return downChecks;
  }

  int downSentinels() {
    return downSentinels;
  }

  /** How many backends have at least one DOWN check. */
  int downTargets() {
    return downTargets;
  }

  /** Latest minus earliest time a DOWN check or sentinel went DOWN; 0 with none. */
  long downSpreadNanos() {
    return downSince.isEmpty() ? 0 : downSince.lastKey() - downSince.firstKey();
  }
}
