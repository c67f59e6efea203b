package io.sluice.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a simulated cloud misbehaves: windows of virtual time in which every call meets one fault.
 * Outside them the cloud answers normally.
 */
public final class CloudWeather {
  /** What a call meets. */
  public enum Fault {
    NONE,
    /** Refused at once with RequestLimitExceeded: nothing happens. */
    THROTTLED,
    /** InternalError: a write may or may not have landed. */
    SERVER_ERROR,
    /** No answer until the guard's budget is spent: a write may or may not have landed. */
    HANGS,
    /** Writes are accepted, but their CLB tasks fail (DescribeTaskStatus 1). */
    TASK_FAILS
  }

  private record Window(long from, long until, Fault fault) {}

  private final VirtualTime time;
  private final List<Window> windows = new ArrayList<>();

  public CloudWeather(VirtualTime time) {
    this.time = time;
  }

  /** {@code fault} from {@code from} until {@code until} (monotonic nanos). */
  public void add(long from, long until, Fault fault) {
    windows.add(new Window(from, until, fault));
  }

  public Fault now() {
    long now = time.nanos();
    for (Window w : windows) {
      if (now - w.from >= 0 && now - w.until < 0) {
        return w.fault;
      }
    }
    return Fault.NONE;
  }

  /**
   * When the cloud last stopped misbehaving before {@code at}: the end of the latest window that
   * began before it, plus {@code hangBudget} for a window of hangs (a call sent just before it
   * ended hangs that long); {@code otherwise} when no window began before {@code at}.
   */
  public long settledBefore(long at, Duration hangBudget, long otherwise) {
    long last = otherwise;
    for (Window w : windows) {
      long settled = w.until + (w.fault == Fault.HANGS ? hangBudget.toNanos() : 0);
      if (w.from - at < 0 && settled - last > 0) {
        last = settled;
      }
    }
    return last;
  }
}
