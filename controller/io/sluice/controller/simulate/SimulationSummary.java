package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one route's simulation amounts to: how fast it failed over and back after each real outage
 * of its home backend, how often traffic moved, where traffic spent its time, and how much of it
 * went to a backend that was really down.
 *
 * @param outages each real outage of the home backend, with the reaction to it
 * @param changes how many decisions changed the split
 * @param weightedTime traffic-weighted time per backend (100% for 10 s counts 10 s)
 * @param onBrokenBackend traffic-weighted time on backends that were really down
 * @param freeze the flap-budget freeze, if one happened
 */
record SimulationSummary(
    String route,
    Backend home,
    List<Outage> outages,
    int changes,
    Map<Backend, Duration> weightedTime,
    Duration onBrokenBackend,
    Optional<Tick> freeze,
    Duration total) {

  /**
   * One real outage of the home backend.
   *
   * @param alreadyAway the home backend carried no traffic when the outage began
   * @param failedOverAfter from the start of the outage to the first moment no traffic went home
   * @param failedBackAfter from the end of the outage to the first moment all traffic went home
   */
  record Outage(
      Duration start,
      Optional<Duration> end,
      boolean alreadyAway,
      Optional<Duration> failedOverAfter,
      Optional<Duration> failedBackAfter) {}

  static SimulationSummary of(String route, Backend home, List<Tick> ticks, Duration step) {
    List<Outage> outages = new ArrayList<>();
    Map<Backend, Duration> weighted = new EnumMap<>(Backend.class);
    for (Backend b : Backend.values()) {
      weighted.put(b, Duration.ZERO);
    }
    Duration onBroken = Duration.ZERO;
    int changes = 0;
    Optional<Tick> freeze = Optional.empty();
    OutageTracker tracker = new OutageTracker();
    for (Tick t : ticks) {
      for (Backend b : Backend.values()) {
        weighted.merge(b, step.multipliedBy(t.split().weight(b)).dividedBy(100), Duration::plus);
      }
      onBroken = onBroken.plus(step.multipliedBy(t.weightOnBrokenBackends()).dividedBy(100));
      if (t.changed()) {
        changes++;
      }
      if (freeze.isEmpty() && t.decision() instanceof Decision.Freeze) {
        freeze = Optional.of(t);
      }
      tracker.see(t, home, outages);
    }
    tracker.finish(outages);
    Duration total = step.multipliedBy(ticks.size());
    return new SimulationSummary(route, home, outages, changes, weighted, onBroken, freeze, total);
  }

  /** Follows the home backend's real outages and the route's reaction to each. */
  private static final class OutageTracker {
    private Duration start;
    private boolean alreadyAway;
    private Duration end;
    private Duration failedOver;
    private Duration failedBack;

    void see(Tick t, Backend home, List<Outage> out) {
      boolean down = !t.healthy(home);
      if (down && start == null) {
        start = t.at();
      } else if (down && end != null) {
        finish(out);
        start = t.at();
      }
      if (start == null) {
        return;
      }
      if (t.at().equals(start)) {
        alreadyAway = t.before().weight(home) == 0;
      }
      if (failedOver == null && t.split().weight(home) == 0) {
        failedOver = t.at().minus(start);
      }
      if (!down && end == null) {
        end = t.at();
      }
      if (end != null && failedBack == null && t.split().isAllOn(home)) {
        failedBack = t.at().minus(end);
      }
    }

    void finish(List<Outage> out) {
      if (start != null) {
        out.add(
            new Outage(
                start,
                Optional.ofNullable(end),
                alreadyAway,
                Optional.ofNullable(failedOver),
                Optional.ofNullable(failedBack)));
      }
      start = end = failedOver = failedBack = null;
    }
  }

  /** The summary as people read it. */
  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("summary for ").append(route).append(" (home: ").append(home.id()).append(")\n");
    if (outages.isEmpty()) {
      sb.append("  no real outage of ").append(home.id()).append('\n');
    }
    for (Outage o : outages) {
      sb.append("  outage of ")
          .append(home.id())
          .append(" at ")
          .append(seconds(o.start()))
          .append(o.end().map(e -> " until " + seconds(e)).orElse(" (never ended)"))
          .append(": ")
          .append(
              o.alreadyAway()
                  ? "it carried no traffic then"
                  : o.failedOverAfter()
                      .map(d -> "failed over after " + seconds(d))
                      .orElse("did not fail over"))
          .append(", ")
          .append(
              o.failedBackAfter()
                  .map(d -> "failed back after " + seconds(d))
                  .orElse(o.end().isPresent() ? "did not fail back" : "no failback"))
          .append('\n');
    }
    sb.append("  traffic changes: ").append(changes).append('\n');
    for (Backend b : Backend.values()) {
      Duration d = weightedTime.get(b);
      sb.append("  time on ")
          .append(b.id())
          .append(": ")
          .append(seconds(d))
          .append(String.format(" (%.1f%%)", percent(d)))
          .append('\n');
    }
    sb.append("  traffic on a DOWN backend: ")
        .append(seconds(onBrokenBackend))
        .append(String.format(" (%.2f%% of traffic)", percent(onBrokenBackend)))
        .append('\n');
    freeze.ifPresent(
        f ->
            sb.append("  FROZEN at ")
                .append(seconds(f.at()))
                .append(": ")
                .append(f.decision().reason())
                .append('\n'));
    return sb.toString();
  }

  /** Whole seconds, one unit for every figure so that they compare at a glance. */
  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  private double percent(Duration d) {
    return total.isZero() ? 0 : 100.0 * d.toNanos() / total.toNanos();
  }
}
