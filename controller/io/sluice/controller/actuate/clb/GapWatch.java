package io.sluice.controller.actuate.clb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Measures, on the monotonic clock, how long a plan leaves something unrouted that was routed
 * before it and is routed after it: the whole rule (a switch between kinds on a rule that cannot
 * hold both), or the function alone while it is rebound beside CVM targets. Each moment is when a
 * poll saw a task done, the closest the API lets Sluice see the rule change.
 */
final class GapWatch {
  private final List<Span> spans = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();
  private long unroutedNanos;

  /** A condition of the rule that counts as a gap while it holds. */
  private static final class Span {
    final Predicate<RuleBackends> open;
    final String describe;
    final boolean routesNothing;
    long since = -1;

    Span(Predicate<RuleBackends> open, String describe, boolean routesNothing) {
      this.open = open;
      this.describe = describe;
      this.routesNothing = routesNothing;
    }
  }

  /**
   * @param rule for the messages, such as {@code lb-1/lbl-1/loc-1}
   * @param why why the rule has to go without a target, such as {@code mixedRuleTargets rejected}
   */
  GapWatch(String rule, RulePlan plan, String why) {
    if (!plan.from().routesNothing()) {
      spans.add(
          new Span(
              RuleBackends::routesNothing,
              "rule " + rule + " had no target for %d ms (" + why + ")",
              true));
    }
    plan.from()
        .function()
        .filter(f -> plan.from().scfRouted() && plan.to().scfRouted())
        .ifPresent(
            f ->
                spans.add(
                    new Span(
                        r -> !r.scfRouted() && r.cvmRouted(),
                        "function "
                            + f.function()
                            + " was unbound from rule "
                            + rule
                            + " for %d ms to bind the configured one in its place (a rule binds"
                            + " one function); the CVM targets took its traffic",
                        false)));
  }

  /** The rule is now {@code rule}, as of {@code nanos}. */
  void observe(RuleBackends rule, long nanos) {
    for (Span span : spans) {
      boolean open = span.open.test(rule);
      if (open && span.since < 0) {
        span.since = nanos;
      } else if (!open && span.since >= 0) {
        closed.add(span.describe.formatted((nanos - span.since) / 1_000_000));
        if (span.routesNothing) {
          unroutedNanos += nanos - span.since;
        }
        span.since = -1;
      }
    }
  }

  /** Whether something is unrouted right now. */
  boolean open() {
    return spans.stream().anyMatch(s -> s.since >= 0);
  }

  /** How long the gap still open has lasted, for a failure message; empty when none is open. */
  Optional<String> stillOpen(long nanos) {
    return spans.stream()
        .filter(s -> s.since >= 0)
        .findFirst()
        .map(s -> "still open: " + s.describe.formatted((nanos - s.since) / 1_000_000) + " so far");
  }

  /** How long, in all, the rule routed nothing, for {@code Applied.unrouted}. */
  Duration unrouted() {
    return Duration.ofNanos(unroutedNanos);
  }

  /** The gaps that opened and closed, joined for {@code Applied.gap}. */
  Optional<String> report() {
    return closed.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", closed));
  }
}
