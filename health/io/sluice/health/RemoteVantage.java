package io.sluice.health;

import java.time.Duration;
import java.util.Locale;

/**
 * A vantage point the board does not probe from: another replica, whose verdicts arrive as reports.
 * The whole report counts, or none of it: while the last report is at most {@code staleAfter} old
 * its verdicts count, after that (or once the replica left) every backend reads UNKNOWN there.
 * Mutable, and touched only by the board's thread.
 */
final class RemoteVantage {
  private final long staleAfterNanos;
  private boolean heard;
  private boolean left;
  private boolean stale;
  private long receivedNanos;

  RemoteVantage(Duration staleAfter) {
    this.staleAfterNanos = staleAfter.toNanos();
  }

  /** Whether its reported verdicts count now: heard, not left, not stale. */
  boolean counts() {
    return heard && !left && !stale;
  }

  /** Takes a report received at {@code receivedNanos}; an empty one means the replica left. */
  void reported(long receivedNanos, boolean empty) {
    this.heard = true;
    this.left = empty;
    this.stale = false;
    this.receivedNanos = receivedNanos;
  }

  /**
   * Goes stale if its report is older than {@code staleAfter} at {@code nowNanos}.
   *
   * @return whether it went stale just now
   */
  boolean expire(long nowNanos) {
    if (counts() && nowNanos - receivedNanos > staleAfterNanos) {
      stale = true;
      return true;
    }
    return false;
  }

  /** When it goes stale without another report; only while it {@link #counts()}. */
  long staleAtNanos() {
    return receivedNanos + staleAfterNanos;
  }

  /** How its verdicts stand, for the explain API: reported when, stale, left, or never heard. */
  String describe(long nowNanos) {
    if (!heard) {
      return "no report yet";
    }
    String age = String.format(Locale.ROOT, "%.1f s ago", (nowNanos - receivedNanos) / 1e9);
    if (left) {
      return "left " + age;
    }
    return stale ? "stale, reported " + age : "reported " + age;
  }
}
