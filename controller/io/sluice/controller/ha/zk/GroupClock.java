package io.sluice.controller.ha.zk;

import io.sluice.controller.ha.GroupTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The group's clock, read from the mtime ZooKeeper stamps on this replica's heartbeat writes (the
 * ensemble leader's clock, the same for every replica). Each write gives a sample: the mtime lies
 * between the request's send and its answer, so it is taken at their midpoint, and the sample with
 * the smallest round trip of the last {@code window} is the most precise one. Until the first
 * sample it assumes the local wall clock.
 */
final class GroupClock implements GroupTime {
  private static final int MAX_SAMPLES = 512;

  private final Duration window;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private Sample assumed;

  /**
   * @param window how long a sample stays a candidate
   * @param nowNanos the monotonic time now, and {@code wallMillis} the wall clock's at that time:
   *     the clock assumed until the first sample
   */
  GroupClock(Duration window, long nowNanos, long wallMillis) {
    this.window = window;
    this.assumed = new Sample(nowNanos, nowNanos, wallMillis);
  }

  /** ZooKeeper stamped {@code zkMillis} on a request sent at {@code sentNanos}, answered then. */
  synchronized void sample(long sentNanos, long receivedNanos, long zkMillis) {
    samples.addLast(new Sample(sentNanos, receivedNanos, zkMillis));
    while (samples.size() > 1
        && (samples.size() > MAX_SAMPLES
            || receivedNanos - samples.peekFirst().receivedNanos() > window.toNanos())) {
      samples.removeFirst();
    }
    assumed = null;
  }

  @Override
  public long groupMillis(long nanos) {
    Sample best = best();
    return best.zkMillis() + Math.floorDiv(nanos - best.midpointNanos(), 1_000_000L);
  }

  @Override
  public long localNanos(long groupMillis) {
    Sample best = best();
    return best.midpointNanos() + (groupMillis - best.zkMillis()) * 1_000_000L;
  }

  /** The round trip of the sample the clock reads from now (for the status and tests). */
  synchronized Duration precision() {
    return Duration.ofNanos(best().roundTripNanos());
  }

  private synchronized Sample best() {
    if (assumed != null) {
      return assumed;
    }
    Sample best = samples.peekFirst();
    for (Sample s : samples) {
      if (s.roundTripNanos() <= best.roundTripNanos()) {
        best = s; // of equal round trips, the newest
      }
    }
    return best;
  }

  /** One heartbeat's timing. */
  private record Sample(long sentNanos, long receivedNanos, long zkMillis) {
    long roundTripNanos() {
      return receivedNanos - sentNanos;
    }

    long midpointNanos() {
      return sentNanos + roundTripNanos() / 2;
    }
  }
}
