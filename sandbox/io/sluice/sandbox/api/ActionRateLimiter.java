package io.sluice.sandbox.api;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Tencent's documented limits are "N calls per second, per action, per credential". This counts
 * calls in fixed one-second windows of the injected clock (so a fixed test clock keeps every call
 * in one window); the call past the limit gets {@code RequestLimitExceeded}. A fixed window lets a
 * burst of 2N straddle a boundary, which the real limiter may not allow; the controller must cope
 * either way.
 */
public final class ActionRateLimiter {
  private final Clock clock;
  private final Map<Key, Window> windows = new HashMap<>();

  private record Key(String secretId, String service, String action) {}

  private record Window(long second, int calls) {}

  public ActionRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Counts one call, or throws {@code RequestLimitExceeded} when the window is full. */
  public synchronized void acquire(String secretId, String service, String action, int perSecond) {
    long second = Math.floorDiv(clock.millis(), 1000);
    Key key = new Key(secretId, service, action);
    Window window = windows.get(key);
    int calls = window == null || window.second() != second ? 0 : window.calls();
    if (calls >= perSecond) {
      throw new ApiException(
          "RequestLimitExceeded",
          "Your current request times equals to `"
              + (calls + 1)
              + "` in a second, which exceeds the frequency limit `"
              + perSecond
              + "` for `"
              + action
              + "`.");
    }
    windows.put(key, new Window(second, calls + 1));
  }
}
