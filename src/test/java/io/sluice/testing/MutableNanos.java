package io.sluice.testing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A monotonic test clock in nanoseconds that stands still until a test moves it. It starts just
 * before {@link Long#MAX_VALUE} unless told otherwise, so code that compares by subtraction passes
 * and code that compares values wrongly fails once the clock wraps.
 */
public final class MutableNanos implements LongSupplier {
  private volatile long now;

  public MutableNanos(long start) {
    this.now = start;
  }

  /** Starts ten seconds before the wrap. */
  public MutableNanos() {
    this(Long.MAX_VALUE - Duration.ofSeconds(10).toNanos());
  }

  public void advance(Duration duration) {
    now += duration.toNanos();
  }

  @Override
  public long getAsLong() {
    return now;
  }
}
