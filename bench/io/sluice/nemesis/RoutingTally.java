package io.sluice.nemesis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What shop's CLB rule did in a window, from the sandbox's routing history: how often it moved away
 * from CVM (a failover: from no function target to one carrying traffic), how long any of its
 * traffic went to SCF, and how long all of it did.
 *
 * @param failovers moves from CVM only to a share on SCF
 * @param onScf time with any share of the rule's traffic on SCF
 * @param whollyOnScf time with all of it on SCF (no instance carrying)
 */
record RoutingTally(int failovers, Duration onScf, Duration whollyOnScf) {
  static final String RULE = "clb:lb-cvm/lbl-cvm/loc-shopcvm";

  /** The rule's changes in {@code [from, to)}, the state at {@code from} being the last before. */
  static RoutingTally of(List<RoutingChange> history, Instant from, Instant to) {
    List<RoutingChange> rule = history.stream().filter(c -> c.resource().equals(RULE)).toList();
    int failovers = 0;
    Duration onScf = Duration.ZERO;
    Duration wholly = Duration.ZERO;
    for (int i = 0; i < rule.size(); i++) {
      RoutingChange c = rule.get(i);
      Instant start = c.time().isBefore(from) ? from : c.time();
      Instant end = i + 1 < rule.size() ? rule.get(i + 1).time() : to;
      if (end.isAfter(to)) {
        end = to;
      }
      if (!end.isAfter(start)) {
        continue; // wholly before or after the window
      }
      Duration span = Duration.between(start, end);
      if (onScf(c)) {
        onScf = onScf.plus(span);
        if (c.carrying().stream().noneMatch(t -> !isScf(t))) {
          wholly = wholly.plus(span);
        }
        boolean wasOnCvmOnly = i > 0 && !onScf(rule.get(i - 1));
        if (wasOnCvmOnly && !c.time().isBefore(from)) {
          failovers++;
        }
      }
    }
    return new RoutingTally(failovers, onScf, wholly);
  }

  private static boolean onScf(RoutingChange c) {
    return c.carrying().stream().anyMatch(RoutingTally::isScf);
  }

  private static boolean isScf(String target) {
    return target.startsWith("scf:");
  }
}
