package io.sluice.policies;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A random health timeline with operator events for the property tests, and the record of running
 * it: for every decision, the inputs it saw.
 */
record Scenario(PolicySettings settings, TrafficSplit start, long origin, List<Step> steps) {

  /**
   * {@code repeat} verdict rounds {@code gapMillis} apart with the same verdicts and load; the
   * operator event happens before the first of them.
   */
  record Step(
      int repeat,
      long gapMillis,
      Verdict cvm,
      Verdict scf,
      double load,
      Optional<OperatorEvent> event) {}

  sealed interface OperatorEvent {
    record Set(OperatorOverride.OverrideAction action, Duration ttl, boolean forced)
        implements OperatorEvent {}

    record Clear() implements OperatorEvent {}

    record Resume() implements OperatorEvent {}
  }

  /** One decision and what it was decided on. */
  record Observed(
      long nowNanos,
      HealthSnapshot health,
      Optional<OperatorOverride> activeOverride,
      TrafficSplit before,
      long resumeGeneration,
      Decision decision) {

    boolean changed() {
      return !decision.split().equals(before);
    }

    /** Moves made by the operator's own override, which neither dwell nor budget restrain. */
    boolean manual() {
      return decision.reason().rule().equals("override");
    }

    /**
     * Moves that count against the flap budget: none made while an override is in force, and not
     * the escapes a frozen route makes from a DOWN backend (a property of their own covers them).
     */
    boolean automatic() {
      String rule = decision.reason().rule();
      return !rule.startsWith("override") && !rule.equals("frozen-escape");
    }
  }

  static final Instant WALL_START = Instant.parse("2026-11-11T11:00:00Z");

  /** The group clock's reading at the scenario's origin, when its state is carried over. */
  static final long GROUP_BASE_MILLIS = 1_700_000_000_000L;

  List<Observed> run() {
    return run(-1, 0);
  }

  /**
   * Runs the scenario, but before observation {@code carryAt} (counted from 0) the state is carried
   * to another replica, as a new leader gets it: saved on the group's clock (milliseconds, its own
   * origin) and restored on a monotonic clock {@code offsetNanos} ahead of this one, where the rest
   * runs (an operator's override, too, is on the new replica's clock there).
   */
  List<Observed> run(int carryAt, long offsetNanos) {
    Policy policy = Policy.of(settings);
    PolicyState state = policy.initialState(start);
    long now = origin;
    int observed = 0;
    Instant wall = WALL_START;
    long round = 0;
    long resumes = 0;
    Optional<OperatorOverride> override = Optional.empty();
    List<Observed> out = new ArrayList<>();
    for (Step step : steps) {
      if (step.event().isPresent()) {
        switch (step.event().get()) {
          case OperatorEvent.Set set ->
              override =
                  Optional.of(
                      new OperatorOverride(
                          set.action(), "prop", "test", now + set.ttl().toNanos(), set.forced()));
          case OperatorEvent.Clear clear -> override = Optional.empty();
          case OperatorEvent.Resume resume -> resumes++;
        }
      }
      for (int i = 0; i < step.repeat(); i++) {
        if (observed++ == carryAt) {
          long from = origin;
          long to = origin + offsetNanos;
          state =
              PolicyState.restore(
                  state.snapshot(at -> GROUP_BASE_MILLIS + Math.floorDiv(at - from, 1_000_000)),
                  millis -> to + (millis - GROUP_BASE_MILLIS) * 1_000_000);
          now += offsetNanos;
          override =
              override.map(
                  o ->
                      new OperatorOverride(
                          o.action(),
                          o.actor(),
                          o.reason(),
                          o.expiresAtNanos() + offsetNanos,
                          o.forced()));
        }
        round++;
        HealthSnapshot health =
            new HealthSnapshot(step.cvm(), step.scf(), round, OptionalDouble.of(step.load()), wall);
        Overrides overrides = new Overrides(override, resumes);
        PolicyOutcome outcome = policy.decide(state, health, overrides, now);
        out.add(
            new Observed(
                now, health, overrides.activeAt(now), state.split(), resumes, outcome.decision()));
        state = outcome.next();
        now += step.gapMillis() * 1_000_000;
        wall = wall.plusMillis(step.gapMillis());
      }
    }
    return out;
  }
}
