package io.sluice.controller.api;

import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each route decided and when, bounded: consecutive ticks that decide the same thing for the
 * same reason share one entry (its {@code until} moves on), and each route keeps its latest {@link
 * #capacity} entries, dropping the oldest. It answers "why was the split what it was at time T?".
 * Thread-safe.
 */
public final class DecisionHistory {
  public static final int DEFAULT_CAPACITY = 2000;
  private final int capacity;
  private final Map<String, Deque<HistoryEntry>> byRoute = new HashMap<>();

  public DecisionHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Records one decision of {@code service}'s {@code route} taken at {@code at}. */
  public synchronized void record(
      String service,
      String route,
      Instant at,
      Decision decision,
      HealthSnapshot health,
      Optional<OverrideRecord> override,
      String policyVersion) {
    Deque<HistoryEntry> entries =
        byRoute.computeIfAbsent(service + "\u0000" + route, k -> new ArrayDeque<>());
    HistoryEntry last = entries.peekLast();
    if (last != null
        && last.policyVersion().equals(policyVersion)
        && last.repeatedBy(decision, health, override)) {
      entries.removeLast();
      entries.addLast(last.until(at));
      return;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new HistoryEntry(at, at, route, decision, health, override, policyVersion));
  }

  /**
   * For each of the service's routes, the decision in force at {@code at}: the latest taken at or
   * before it. A route whose history starts later (or was dropped by the bound) is left out.
   */
  public synchronized List<HistoryEntry> at(String service, List<String> routes, Instant at) {
    List<HistoryEntry> found = new ArrayList<>();
    for (String route : routes) {
      Deque<HistoryEntry> entries = byRoute.get(service + "\u0000" + route);
      if (entries == null) {
        continue;
      }
      HistoryEntry match = null;
      for (HistoryEntry e : entries) {
        if (!e.since().isAfter(at)) {
          match = e;
        }
      }
      if (match != null) {
        found.add(match);
      }
    }
    return found;
  }

  /** The latest {@code n} entries of a route, oldest first. */
  public synchronized List<HistoryEntry> latest(String service, String route, int n) {
    Deque<HistoryEntry> entries = byRoute.get(service + "\u0000" + route);
    if (entries == null) {
      return List.of();
    }
    List<HistoryEntry> all = new ArrayList<>(entries);
    return all.subList(Math.max(0, all.size() - n), all.size());
  }
}
