package io.sluice.controller.ha.zk;

import java.time.Duration;

/**
 * How long a leader may still act: from the send time of the last request ZooKeeper answered on its
 * session, for the negotiated session timeout less a margin. The ensemble expires the session (and
 * so lets another replica lead) no sooner than the session timeout after it last heard from it,
 * which is after that send time; the margin covers the clocks' rate difference and the time a cloud
 * call's answer takes to come back.
 */
final class Lease {
  private static final Duration MIN_MARGIN = Duration.ofSeconds(1);

  private boolean confirmed;
  private long sentNanos;
  private Duration sessionTimeout = Duration.ZERO;

  /** The margin kept off a session timeout: 20% of it, and at least a second. */
  static Duration margin(Duration sessionTimeout) {
    Duration fifth = sessionTimeout.dividedBy(5);
    return fifth.compareTo(MIN_MARGIN) > 0 ? fifth : MIN_MARGIN;
  }

  /**
   * ZooKeeper answered a request sent at {@code sentNanos} on a session of {@code sessionTimeout}.
   * An answer to an older request than one already counted changes nothing.
   */
  synchronized void confirmed(long sentNanos, Duration sessionTimeout) {
    if (!confirmed || sentNanos - this.sentNanos > 0) {
      this.sentNanos = sentNanos;
    }
    confirmed = true;
    this.sessionTimeout = sessionTimeout;
  }

  /** The session ended: nothing it confirmed counts any more. */
  synchronized void forget() {
    confirmed = false;
  }

  /** The time left from {@code nowNanos}; zero once run out, or before any confirmation. */
  synchronized Duration remaining(long nowNanos) {
    if (!confirmed) {
      return Duration.ZERO;
    }
    long end = sentNanos + sessionTimeout.toNanos() - margin(sessionTimeout).toNanos();
    long left = end - nowNanos;
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }
}
