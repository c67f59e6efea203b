package io.sluice.testing;

import java.util.function.LongSupplier;

/**
 * Real monotonic time that a test can hold still: while paused it reads the instant of the pause,
 * and after {@link #resume()} it runs on from there (the paused stretch never happened). Given to a
 * sandbox, it lets a test keep a CLB task running, or calls inside one rate-limit window, until it
 * has seen what it waits for, whatever the machine's load.
 */
public final class PausableNanos implements LongSupplier {
  private long pausedAt;
  private long pausedFor;
  private boolean paused;

  @Override
  public synchronized long getAsLong() {
    return paused ? pausedAt : System.nanoTime() - pausedFor;
  }

  public synchronized void pause() {
    if (!paused) {
      pausedAt = getAsLong();
      paused = true;
    }
  }

  public synchronized void resume() {
    if (paused) {
      pausedFor = System.nanoTime() - pausedAt;
      paused = false;
    }
  }
}
