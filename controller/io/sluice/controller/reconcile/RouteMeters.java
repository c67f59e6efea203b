package io.sluice.controller.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.OperatorOverride;
import io.sluice.policies.Phase;
import io.sluice.policies.TrafficSplit;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One route's meters: weights desired and actual, phase, decisions, changes and the override's time
 * left. The change outcomes are registered at zero from the start, so that the first failure shows
 * as an increase to alert rules (a series that appears at 1 has no increase to see).
 */
final class RouteMeters {
  private final MeterRegistry registry;
  private final Tags route;
  private final Map<Backend, AtomicInteger> desired = new EnumMap<>(Backend.class);
  private final Map<Backend, AtomicInteger> actual = new EnumMap<>(Backend.class);
  private final Map<Phase, AtomicInteger> phases = new EnumMap<>(Phase.class);
  private final AtomicLong overrideRemainingNanos = new AtomicLong();
  private final Map<ReconcileStage, AtomicInteger> stages = new EnumMap<>(ReconcileStage.class);
  private final AtomicInteger failures = new AtomicInteger();
  private final Counter journalFailures;
  private final Counter fencedOut;

  RouteMeters(MeterRegistry registry, String service, String routeName) {
    this.registry = registry;
    this.route = Tags.of(MeterNames.TAG_SERVICE, service, MeterNames.TAG_ROUTE, routeName);
    for (Backend backend : Backend.values()) {
      desired.put(backend, weightGauge(backend, "desired"));
      actual.put(backend, weightGauge(backend, "actual"));
    }
    for (Phase phase : Phase.values()) {
      AtomicInteger value = new AtomicInteger();
      registry.gauge(MeterNames.ROUTE_PHASE, route.and(MeterNames.TAG_PHASE, phase.name()), value);
      phases.put(phase, value);
    }
    for (String outcome : CHANGE_OUTCOMES) {
      changeTimer(outcome);
    }
    for (ReconcileStage stage : ReconcileStage.values()) {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder(MeterNames.ROUTE_STAGE, value, AtomicInteger::get)
          .description("what the route's reconciler is doing: 1 for the current stage")
          .tags(route.and(MeterNames.TAG_STAGE, stage.name()))
          .register(registry);
      stages.put(stage, value);
    }
    Gauge.builder(MeterNames.ROUTE_FAILURES, failures, AtomicInteger::get)
        .description("the route's reads or changes that failed in a row")
        .tags(route)
        .register(registry);
    journalFailures =
        Counter.builder(MeterNames.JOURNAL_FAILURES)
            .description("journal appends of an outcome that failed; the change was still audited")
            .tags(route)
            .register(registry);
    fencedOut =
        Counter.builder(FENCED_OUT)
            .description(
                "changes ended before a write because this replica was deposed (its fenced intent"
                    + " was refused): never a cloud fault")
            .tags(route)
            .register(registry);
    Gauge.builder(
            MeterNames.OVERRIDE_REMAINING,
            overrideRemainingNanos,
            nanos -> nanos.get() / (double) TimeUnit.SECONDS.toNanos(1))
        .description("time left on the operator override in force; 0 without one")
        .baseUnit("seconds")
        .tags(route)
        .register(registry);
  }

  /** The outcomes a change can end with, as {@link #change} is told them. */
  static final List<String> CHANGE_OUTCOMES = List.of("applied", "failed", "unknown");

  /** The override in force at {@code nowNanos}, if any. */
  void override(Optional<OperatorOverride> active, long nowNanos) {
    overrideRemainingNanos.set(
        active.map(o -> Math.max(0, o.expiresAtNanos() - nowNanos)).orElse(0L));
  }

  void desired(TrafficSplit split) {
    set(desired, split);
  }

  /** The split read from the cloud; -1 on both while it cannot be read. */
  void actual(TrafficSplit split) {
    if (split == null) {
      actual.values().forEach(v -> v.set(-1));
    } else {
      set(actual, split);
    }
  }

  void stage(ReconcileStage now) {
    stages.forEach((stage, value) -> value.set(stage == now ? 1 : 0));
  }

  void failures(int inARow) {
    failures.set(inARow);
  }

  /** {@code sluice_reconcile_fenced_out_total}. */
  static final String FENCED_OUT = "sluice.reconcile.fenced.out";

  void fencedOut() {
    fencedOut.increment();
  }

  void journalFailure() {
    journalFailures.increment();
  }

  void phase(Phase now) {
    phases.forEach((phase, value) -> value.set(phase == now ? 1 : 0));
  }

  void decision(Decision decision) {
    Counter.builder(MeterNames.DECISIONS)
        .description("policy decisions by kind and deciding rule")
        .tags(route)
        .tag(MeterNames.TAG_DECISION, decision.getClass().getSimpleName().toLowerCase(Locale.ROOT))
        .tag(MeterNames.TAG_RULE, decision.reason().rule())
        .register(registry)
        .increment();
  }

  void prewarm(String outcome) {
    Counter.builder(MeterNames.PREWARM)
        .description("SCF pre-warms and releases, by how they ended")
        .tags(route)
        .tag(MeterNames.TAG_OUTCOME, outcome)
        .register(registry)
        .increment();
  }

  void change(String outcome, Duration took) {
    changeTimer(outcome).record(took);
  }

  private Timer changeTimer(String outcome) {
    return timer(MeterNames.CHANGES, "carrying out a route's change through its actuators")
        .tag(MeterNames.TAG_OUTCOME, outcome)
        .register(registry);
  }

  void unrouted(String actuator, Duration gap) {
    timer(MeterNames.UNROUTED, "how long a change left the route with nothing routed")
        .tag(MeterNames.TAG_ACTION, actuator)
        .register(registry)
        .record(gap);
  }

  private Timer.Builder timer(String name, String description) {
    return Timer.builder(name).description(description).tags(route);
  }

  private AtomicInteger weightGauge(Backend backend, String state) {
    AtomicInteger value = new AtomicInteger(-1);
    registry.gauge(
        MeterNames.ROUTE_WEIGHT,
        route.and(MeterNames.TAG_BACKEND, backend.id(), MeterNames.TAG_STATE, state),
        value);
    return value;
  }

  private static void set(Map<Backend, AtomicInteger> gauges, TrafficSplit split) {
    gauges.forEach((backend, value) -> value.set(split.weight(backend)));
  }
}
