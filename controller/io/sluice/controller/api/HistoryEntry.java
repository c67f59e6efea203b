package io.sluice.controller.api;

import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision of one route, and how long the policy kept taking it: from {@code since} to {@code
 * until} every tick decided the same thing for the same reason.
 *
 * @param override the operator override in force when it was decided
 * @param policyVersion a short hash of the service's config, so an answer can be tied to the
 *     settings that gave it
 */
public record HistoryEntry(
    Instant since,
    Instant until,
    String route,
    Decision decision,
    HealthSnapshot health,
    Optional<OverrideRecord> override,
    String policyVersion) {
  public HistoryEntry {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(override, "override");
  }

  /** The decision's kind: hold, shift or freeze. */
  public String kind() {
    return kindOf(decision);
  }

  /** Whether {@code next} only repeats this entry (same decision, inputs, override). */
  boolean repeatedBy(Decision next, HealthSnapshot nextHealth, Optional<OverrideRecord> o) {
    return kind().equals(kindOf(next))
        && decision.split().equals(next.split())
        && decision.phase() == next.phase()
        && decision.reason().equals(next.reason())
        && health.cvm() == nextHealth.cvm()
        && health.scf() == nextHealth.scf()
        && override.equals(o);
  }

  HistoryEntry until(Instant at) {
    return new HistoryEntry(since, at, route, decision, health, override, policyVersion);
  }

  static String kindOf(Decision d) {
    return switch (d) {
      case Decision.Hold h -> "hold";
      case Decision.Shift s -> "shift";
      case Decision.Freeze f -> "freeze";
    };
  }
}
