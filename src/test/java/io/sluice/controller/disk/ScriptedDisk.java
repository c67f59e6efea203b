package io.sluice.controller.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A disk a test slows down or breaks, as the {@link DiskLane}'s {@link Fsync}: {@link #hold} makes
 * every fsync wait until {@link #release}, {@link #failNext} makes the next ones fail (the write is
 * then not durable, as after a real failed fsync). It tells {@code events} when it is held and
 * released and when each fsync has gone through, so a test can assert what came after what. A
 * failed fsync fails before anything reaches the device.
 */
public final class ScriptedDisk implements Fsync {
  public static final String HELD = "disk held";
  public static final String RELEASED = "disk released";
  public static final String FORCED = "fsync";

  private final Consumer<String> events;
  private boolean held;
  private final Set<Long> failing = new HashSet<>();
  private long calls;
  private int waiting;
  private long forced;

  public ScriptedDisk(Consumer<String> events) {
    this.events = events;
  }

  public ScriptedDisk() {
    this(event -> {});
  }

  /** Every fsync from now on waits until {@link #release}. */
  public synchronized void hold() {
    held = true;
    events.accept(HELD);
  }

  public synchronized void release() {
    held = false;
    events.accept(RELEASED);
    notifyAll();
  }

  /** The next {@code n} fsyncs fail with an IOException. */
  public synchronized void failNext(int n) {
    int[] next = new int[n];
    Arrays.setAll(next, i -> i + 1);
    fail(next);
  }

  /** These fsyncs, counted from 1 for the next one, fail with an IOException; the others pass. */
  public synchronized void fail(int... nth) {
    failing.clear();
    for (int n : nth) {
      failing.add(calls + n);
    }
  }

  /** How many fsyncs wait on the held disk now. */
  public synchronized int waiting() {
    return waiting;
  }

  /** How many fsyncs have gone through. */
  public synchronized long forced() {
    return forced;
  }

  @Override
  public void force(FileChannel channel, boolean metadata) throws IOException {
    synchronized (this) {
      waiting++;
      try {
        while (held) {
          wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the disk was held", e);
      } finally {
        waiting--;
      }
      if (failing.remove(++calls)) {
        throw new IOException("injected: the disk refused to force the file");
      }
    }
    DEVICE.force(channel, metadata);
    synchronized (this) {
      forced++;
      events.accept(FORCED);
    }
  }
}
