package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.SideAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one route's simulation amounts to: how fast it failed over and back after each real outage
 * of its home backend, what became of traffic in each outage of the other one, how often traffic
 * moved, where traffic spent its time, how much of it went to a backend that was really down, and
 * when SCF was pre-warmed.
 *
 * @param outages each real outage of either backend, in order of start, with the reaction to it
 * @param changes how many decisions changed the split
 * @param weightedTime traffic-weighted time per backend (100% for 10 s counts 10 s)
 * @param onBrokenBackend traffic-weighted time on backends that were really down
 * @param freeze the flap-budget freeze, if one happened
 * @param prewarms each pre-warm the policy asked for
 */
record SimulationSummary(
    String route,
    Backend home,
    List<Outage> outages,
    int changes,
    Map<Backend, Duration> weightedTime,
    Duration onBrokenBackend,
    Optional<Tick> freeze,
    List<PrewarmSpan> prewarms,
    Duration total) {

  /**
   * One real outage of a backend.
   *
   * @param alreadyAway the backend carried no traffic when the outage began
   * @param failedOverAfter from the start of the outage to the first moment no traffic went to it
   *     (for the standby, while the outage lasted)
   * @param failedBackAfter for the home backend, from the end of the outage to the first moment all
   *     traffic went home, once traffic had left it; empty when traffic never left
   * @param trafficWhileDown traffic-weighted time on the backend during the outage
   */
  record Outage(
      Backend backend,
      Duration start,
      Optional<Duration> end,
      boolean alreadyAway,
      Optional<Duration> failedOverAfter,
      Optional<Duration> failedBackAfter,
      Duration trafficWhileDown) {}

  /**
   * One pre-warm of SCF: when the policy asked for it, when SCF first carried traffic after that,
   * and when the policy released it.
   */
  record PrewarmSpan(Duration asked, Optional<Duration> scfTraffic, Optional<Duration> released) {}

  static SimulationSummary of(String route, Backend home, List<Tick> ticks, Duration step) {
    List<Outage> outages = new ArrayList<>();
    Map<Backend, Duration> weighted = new EnumMap<>(Backend.class);
    Map<Backend, OutageTracker> trackers = new EnumMap<>(Backend.class);
    for (Backend b : Backend.values()) {
      weighted.put(b, Duration.ZERO);
      trackers.put(b, new OutageTracker(b, b == home));
    }
    Duration onBroken = Duration.ZERO;
    int changes = 0;
    Optional<Tick> freeze = Optional.empty();
    PrewarmTracker prewarms = new PrewarmTracker();
    for (Tick t : ticks) {
      for (Backend b : Backend.values()) {
        weighted.merge(b, step.multipliedBy(t.split().weight(b)).dividedBy(100), Duration::plus);
        trackers.get(b).see(t, step, outages);
      }
      onBroken = onBroken.plus(step.multipliedBy(t.weightOnBrokenBackends()).dividedBy(100));
      if (t.changed()) {
        changes++;
      }
      if (freeze.isEmpty() && t.decision() instanceof Decision.Freeze) {
        freeze = Optional.of(t);
      }
      prewarms.see(t);
    }
    trackers.values().forEach(tracker -> tracker.finish(outages));
    outages.sort(Comparator.comparing(Outage::start).thenComparing(o -> o.backend() != home));
    Duration total = step.multipliedBy(ticks.size());
    return new SimulationSummary(
        route, home, outages, changes, weighted, onBroken, freeze, prewarms.spans(), total);
  }

  /** Follows one backend's real outages and the route's reaction to each. */
  private static final class OutageTracker {
    private final Backend backend;
    private final boolean home;
    private Duration start;
    private boolean alreadyAway;
    private Duration end;
    private Duration failedOver;
    private Duration failedBack;
    private Duration onIt = Duration.ZERO;

    OutageTracker(Backend backend, boolean home) {
      this.backend = backend;
      this.home = home;
    }

    void see(Tick t, Duration step, List<Outage> out) {
      boolean down = !t.healthy(backend);
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
        alreadyAway = t.before().weight(backend) == 0;
      }
      if (!down && end == null) {
        end = t.at();
      }
      // the standby's traffic counts as moved off it only while it is down
      if (failedOver == null && t.split().weight(backend) == 0 && (home || end == null)) {
        failedOver = t.at().minus(start);
      }
      if (down) {
        onIt = onIt.plus(step.multipliedBy(t.split().weight(backend)).dividedBy(100));
      }
      // a failback is counted only for traffic that left: without a failover there is none
      boolean left = alreadyAway || failedOver != null;
      if (home && left && end != null && failedBack == null && t.split().isAllOn(backend)) {
        failedBack = t.at().minus(end);
      }
    }

    void finish(List<Outage> out) {
      if (start != null) {
        out.add(
            new Outage(
                backend,
                start,
                Optional.ofNullable(end),
                alreadyAway,
                Optional.ofNullable(failedOver),
                Optional.ofNullable(failedBack),
                onIt));
      }
      start = end = failedOver = failedBack = null;
      onIt = Duration.ZERO;
    }
  }

  /** Follows the pre-warms the policy asks for and releases. */
  private static final class PrewarmTracker {
    private final List<PrewarmSpan> spans = new ArrayList<>();
    private Duration asked;
    private Duration scfTraffic;

    void see(Tick t) {
      for (SideAction action : t.decision().sideActions()) {
        switch (action) {
          case SideAction.PrewarmScf p -> {
            close(Optional.empty());
            asked = t.at();
          }
          case SideAction.ReleasePrewarm r -> close(Optional.of(t.at()));
        }
      }
      if (asked != null && scfTraffic == null && t.split().weight(Backend.SCF) > 0) {
        scfTraffic = t.at();
      }
    }

    private void close(Optional<Duration> released) {
      if (asked != null) {
        spans.add(new PrewarmSpan(asked, Optional.ofNullable(scfTraffic), released));
      }
      asked = scfTraffic = null;
    }

    List<PrewarmSpan> spans() {
      close(Optional.empty());
      return List.copyOf(spans);
    }
  }

  /** The summary as people read it. */
  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("summary for ").append(route).append(" (home: ").append(home.id()).append(")\n");
    if (outages.stream().noneMatch(o -> o.backend() == home)) {
      sb.append("  no real outage of ").append(home.id()).append('\n');
    }
    for (Outage o : outages) {
      sb.append("  outage of ")
          .append(o.backend().id())
          .append(o.backend() == home ? "" : " (standby)")
          .append(" at ")
          .append(seconds(o.start()))
          .append(o.end().map(e -> " until " + seconds(e)).orElse(" (never ended)"))
          .append(": ")
          .append(o.backend() == home ? homeReaction(o) : standbyReaction(o))
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
    for (PrewarmSpan p : prewarms) {
      sb.append("  pre-warm of scf asked at ")
          .append(seconds(p.asked()))
          .append(
              p.scfTraffic()
                  .map(
                      s ->
                          ", "
                              + seconds(s.minus(p.asked()))
                              + " before scf took traffic at "
                              + seconds(s))
                  .orElse(", scf took no traffic"))
          .append(p.released().map(r -> ", released at " + seconds(r)).orElse(", not released"))
          .append('\n');
    }
    freeze.ifPresent(
        f ->
            sb.append("  FROZEN at ")
                .append(seconds(f.at()))
                .append(": ")
                .append(f.decision().reason())
                .append('\n'));
    return sb.toString();
  }

  private static String homeReaction(Outage o) {
    if (o.alreadyAway()) {
      return "it carried no traffic then"
          + o.failedBackAfter().map(d -> ", failed back after " + seconds(d)).orElse("");
    }
    if (o.failedOverAfter().isEmpty()) {
      return "did not fail over";
    }
    return "failed over after "
        + seconds(o.failedOverAfter().get())
        + ", "
        + o.failedBackAfter()
            .map(d -> "failed back after " + seconds(d))
            .orElse(o.end().isPresent() ? "did not fail back" : "no failback");
  }

  private static String standbyReaction(Outage o) {
    String carried =
        o.trafficWhileDown().isZero()
            ? ""
            : " (" + seconds(o.trafficWhileDown()) + " of traffic went to it while DOWN)";
    if (o.alreadyAway()) {
      return "it carried no traffic then" + carried;
    }
    return o.failedOverAfter()
            .map(d -> "traffic left it after " + seconds(d))
            .orElse("its traffic stayed on it")
        + carried;
  }

  /** Whole seconds, one unit for every figure so that they compare at a glance. */
  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  private double percent(Duration d) {
    return total.isZero() ? 0 : 100.0 * d.toNanos() / total.toNanos();
  }
}
