package io.sluice.health.signal;

import io.sluice.cloud.ClbRule;
import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The CLB's own view of one rule's targets. The rule is served when enough of its weighted targets
 * are Alive; the detail names every target so a Down explains itself.
 */
public record ClbRuleHealth(ClbRule rule, List<TargetState> targets) {
  public ClbRuleHealth {
    Objects.requireNonNull(rule, "rule");
    targets = List.copyOf(targets);
  }

  /** Alive weighted targets over weighted targets; 0 when there are none. */
  public double aliveFraction() {
    long weighted = targets.stream().filter(TargetState::weighted).count();
    long serving = targets.stream().filter(TargetState::serving).count();
    return weighted == 0 ? 0 : (double) serving / weighted;
  }

  /**
   * Up when the Alive fraction of weighted targets is above {@code minAliveFraction} (0: at least
   * one), else Down CLOUD_REPORTED_UNHEALTHY, e.g. {@code 0 of 2 targets Alive: ins-a Dead, ins-b
   * Dead}. When no weighted target has a verdict (none bound, or all Unknown or Close: not probed
   * yet, or health checks off, where CLB forwards to all of them), the cloud has said nothing about
   * the backend: Inconclusive, never Down.
   */
  public ProbeOutcome outcome(double minAliveFraction, Duration latency) {
    if (aliveFraction() > minAliveFraction) {
      return new ProbeOutcome.Up(latency);
    }
    boolean anyVerdict =
        targets.stream()
            .anyMatch(
                t ->
                    t.weighted()
                        && (t.status() == TargetStatus.ALIVE || t.status() == TargetStatus.DEAD));
    if (!anyVerdict) {
      return new ProbeOutcome.Inconclusive(
          InconclusiveCause.NOT_MEASURED, "no weighted target has a health verdict: " + summary());
    }
    return new ProbeOutcome.Down(DownReason.CLOUD_REPORTED_UNHEALTHY, summary());
  }

  /** {@code 1 of 2 targets Alive: ins-a Alive, ins-b Dead (weight 0)}. */
  public String summary() {
    long weighted = targets.stream().filter(TargetState::weighted).count();
    long serving = targets.stream().filter(TargetState::serving).count();
    String each =
        targets.stream()
            .map(t -> t.targetId() + " " + t.status() + (t.weighted() ? "" : " (weight 0)"))
            .collect(Collectors.joining(", "));
    return serving + " of " + weighted + " targets Alive" + (each.isEmpty() ? "" : ": " + each);
  }
}
