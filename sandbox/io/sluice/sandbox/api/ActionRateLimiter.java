package io.sluice.sandbox.api;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tencent's documented limits are "N calls per second, per action, per credential". This counts
 * calls in fixed one-second windows of the injected monotonic clock, each opened by the first call
 * after the previous one closed (so a test that holds the clock keeps every call in one window);
 * the call past the limit gets {@code RequestLimitExceeded}. A fixed window lets a burst of 2N
 * straddle a boundary, which the real limiter may not allow; the controller must cope either way.
 */
public final class ActionRateLimiter {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LongSupplier nanos;
  private final Map<Key, Window> windows = new HashMap<>();

  private record Key(String secretId, String service, String action) {}

  private record Window(long openedAtNanos, int calls) {}

  /**
   * @param nanos monotonic time in nanoseconds, compared only by subtraction
   */
  public ActionRateLimiter(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Counts one call, or throws {@code RequestLimitExceeded} when the window is full. */
  public synchronized void acquire(String secretId, String service, String action, int perSecond) {
    long now = nanos.getAsLong();
    Key key = new Key(secretId, service, action);
    Window window = windows.get(key);
    if (window == null || now - window.openedAtNanos() >= WINDOW_NANOS) {
      window = new Window(now, 0);
    }
    if (window.calls() >= perSecond) {
      throw new ApiException(
          "RequestLimitExceeded",
          "Your current request times equals to `"
              + (window.calls() + 1)
              + "` in a second, which exceeds the frequency limit `"
              + perSecond
              + "` for `"
              + action
              + "`.");
    }
    windows.put(key, new Window(window.openedAtNanos(), window.calls() + 1));
  }
}
