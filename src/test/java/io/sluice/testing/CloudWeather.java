package io.sluice.testing;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

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

  /**
   * The answer a call meets under {@code fault}, after {@code latency}: refused with
   * RequestLimitExceeded, InternalError (carrying {@code requestId}, the one a write landed under
   * if it did), or no answer until the guard's 15 s budget is spent.
   */
  public <T> Future<T> failure(Fault fault, String requestId, Duration latency) {
    return switch (fault) {
      case THROTTLED ->
          time.failLater(
              latency,
              new TencentCloudSDKException("throttled", requestId, "RequestLimitExceeded"));
      case SERVER_ERROR ->
          time.failLater(
              latency, new TencentCloudSDKException("internal error", requestId, "InternalError"));
      case HANGS -> time.failLater(Duration.ofSeconds(15), new TimeoutException("budget spent"));
      default -> throw new IllegalStateException("not a failure: " + fault);
    };
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
