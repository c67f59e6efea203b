package io.sluice.sandbox.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every change of where a routed name sends traffic, in the order the cloud made it: the first
 * entries are the world as the scenario seeded it, then one entry per resource each time a CLB task
 * completes or a DNS record is saved with a different outcome. A checker replays it to find moments
 * when a rule or a name routed to nothing, which the mutation log alone cannot show (a CLB write
 * takes effect when its task completes, not when it is accepted). Bounded like the mutation log.
 */
public final class RoutingHistory {
  public static final int DEFAULT_CAPACITY = 100_000;

  /**
   * One resource's routing from {@code time} on.
   *
   * @param targets target to weight (see {@link RoutingSnapshot})
   */
  public record Change(Instant time, String resource, Map<String, Integer> targets) {
    public Change {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(resource, "resource");
      targets = Map.copyOf(targets);
    }
  }

  private final Clock clock;
  private final Supplier<Map<String, Map<String, Integer>>> snapshot;
  private final int capacity;
  private final Map<String, Map<String, Integer>> current = new HashMap<>();
  private final Deque<Change> changes = new ArrayDeque<>();

  public RoutingHistory(Clock clock, Supplier<Map<String, Map<String, Integer>>> snapshot) {
    this(clock, snapshot, DEFAULT_CAPACITY);
  }

  RoutingHistory(Clock clock, Supplier<Map<String, Map<String, Integer>>> snapshot, int capacity) {
    this.clock = clock;
    this.snapshot = snapshot;
    this.capacity = capacity;
  }

  /** Takes a snapshot and records every resource that differs from the last one. */
  public synchronized void sample() {
    Instant now = clock.instant();
    Map<String, Map<String, Integer>> next = snapshot.get();
    next.forEach(
        (resource, targets) -> {
          if (!targets.equals(current.get(resource))) {
            append(new Change(now, resource, targets));
          }
        });
    current.keySet().stream()
        .filter(resource -> !next.containsKey(resource))
        .toList()
        .forEach(gone -> append(new Change(now, gone, Map.of())));
    current.clear();
    next.forEach((resource, targets) -> current.put(resource, Map.copyOf(targets)));
  }

  /** A snapshot of the changes, oldest first. */
  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  private void append(Change change) {
    if (changes.size() == capacity) {
      changes.removeFirst();
    }
    changes.addLast(change);
  }
}
