package io.sluice.health;

import io.sluice.policies.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * A backend's verdict with the reasoning behind it: a summary sentence and the evidence of every
 * check at every vantage point, for the explain API.
 */
public record BackendHealth(Verdict verdict, String summary, List<Evidence> evidence) {
  public BackendHealth {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(summary, "summary");
    evidence = List.copyOf(evidence);
  }
}
