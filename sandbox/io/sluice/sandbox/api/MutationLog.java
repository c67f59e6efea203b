package io.sluice.sandbox.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The accepted writes, oldest first, bounded so a long soak cannot exhaust memory: beyond the
 * capacity the oldest entries are dropped. Only calls that succeeded are recorded; a rejected write
 * changed nothing.
 */
public final class MutationLog {
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final Deque<Mutation> entries = new ArrayDeque<>();

  public MutationLog() {
    this(DEFAULT_CAPACITY);
  }

  public MutationLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  public synchronized void record(Mutation mutation) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(mutation);
  }

  /** A snapshot, oldest first. */
  public synchronized List<Mutation> entries() {
    return List.copyOf(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
