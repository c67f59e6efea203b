package io.sluice.sandbox.dataplane.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Smooth weighted round robin (the nginx scheme CLB's {@code WRR} scheduler behaves like): over
 * every cycle of {@code sum(weights)} picks each candidate is chosen exactly {@code weight} times,
 * interleaved rather than in bursts, so tests can assert exact counts. One instance per rule; the
 * state follows the candidate set when targets come and go.
 *
 * @param <K> the candidate's identity, which carries the state across calls
 */
public final class WeightedRoundRobin<K> {

  private final Map<K, Integer> current = new HashMap<>();

  /**
   * @param candidates targets with weight above zero
   * @return empty only when there are no candidates
   */
  public synchronized <T> Optional<T> pick(
      List<T> candidates, java.util.function.Function<T, K> key, ToIntFunction<T> weight) {
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    current.keySet().retainAll(candidates.stream().map(key).toList());
    int total = 0;
    T best = null;
    int bestValue = Integer.MIN_VALUE;
    for (T candidate : candidates) {
      int w = weight.applyAsInt(candidate);
      total += w;
      int value = current.merge(key.apply(candidate), w, Integer::sum);
      if (value > bestValue) {
        best = candidate;
        bestValue = value;
      }
    }
    current.merge(key.apply(best), -total, Integer::sum);
    return Optional.of(best);
  }
}
