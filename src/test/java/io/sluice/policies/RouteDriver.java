package io.sluice.policies;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Drives one policy through time on a fake monotonic clock that starts at an odd origin, keeping
 * every decision for the assertions.
 */
final class RouteDriver {
  /** Origins that catch comparisons not done by subtraction. */
  static final long[] ODD_ORIGINS = {Long.MAX_VALUE - 5_000_000_000L, -7_777_777_777L, 0L, 42L};

  private final Policy policy;
  private PolicyState state;
  private long nowNanos;
  private Instant wall;
  private long round;
  private Optional<OperatorOverride> override = Optional.empty();
  private long resumeGeneration;
  private OptionalDouble load = OptionalDouble.empty();
  private final List<Decision> decisions = new ArrayList<>();

  RouteDriver(PolicySettings settings, TrafficSplit start, long originNanos, Instant wallStart) {
    this.policy = Policy.of(settings);
    this.state = policy.initialState(start);
    this.nowNanos = originNanos;
    this.wall = wallStart;
  }

  RouteDriver(PolicySettings settings, TrafficSplit start) {
    this(settings, start, ODD_ORIGINS[0], Instant.parse("2026-11-11T10:00:00Z"));
  }

  /** One verdict round: both verdicts, then a decision. */
  Decision observe(Verdict cvm, Verdict scf) {
    round++;
    HealthSnapshot snapshot = new HealthSnapshot(cvm, scf, round, load, wall);
    Overrides overrides = new Overrides(override, resumeGeneration);
    PolicyOutcome outcome = policy.decide(state, snapshot, overrides, nowNanos);
    state = outcome.next();
    decisions.add(outcome.decision());
    return outcome.decision();
  }

  /** Observes the same verdicts once per {@code every} for {@code total}; returns the last. */
  Decision observeFor(Duration total, Duration every, Verdict cvm, Verdict scf) {
    Decision last = observe(cvm, scf);
    for (long t = every.toNanos(); t <= total.toNanos(); t += every.toNanos()) {
      advance(every);
      last = observe(cvm, scf);
    }
    return last;
  }

  void advance(Duration d) {
    nowNanos += d.toNanos();
    wall = wall.plus(d);
  }

  void warmUp(Verdict cvm, Verdict scf) {
    for (int i = 0; i < policy.settings().safeguards().warmupRounds(); i++) {
      observe(cvm, scf);
      advance(Duration.ofSeconds(1));
    }
  }

  void setOverride(OperatorOverride.OverrideAction action, Duration ttl, boolean forced) {
    override =
        Optional.of(
            new OperatorOverride(action, "alice", "maintenance", nowNanos + ttl.toNanos(), forced));
  }

  void clearOverride() {
    override = Optional.empty();
  }

  void resume() {
    resumeGeneration++;
  }

  void setLoad(double value) {
    load = OptionalDouble.of(value);
  }

  long now() {
    return nowNanos;
  }

  TrafficSplit split() {
    return state.split();
  }

  Phase phase() {
    return state.phase();
  }

  PolicyState state() {
    return state;
  }

  List<Decision> decisions() {
    return decisions;
  }

  List<Decision.Shift> shifts() {
    return decisions.stream()
        .filter(Decision.Shift.class::isInstance)
        .map(Decision.Shift.class::cast)
        .toList();
  }
}
