package io.sluice.controller.simulate;

import io.sluice.health.CheckSpec;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.DownReason;
import io.sluice.health.HealthBoard;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.Policy;
import io.sluice.policies.PolicyOutcome;
import io.sluice.policies.PolicyState;
import io.sluice.policies.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Replays a world through the real health verdicts and the real policies on a virtual clock: every
 * probe fires on its own interval from every vantage point (spread across the interval), and every
 * {@code step} each route's policy decides on a fresh snapshot. Decisions take effect at once; the
 * simulator measures the policy, not the cloud.
 */
final class Simulation {
  /** Near the top of the range, so that a long run crosses the overflow, as a real clock may. */
  static final long ORIGIN_NANOS = Long.MAX_VALUE - Duration.ofHours(1).toNanos();

  private final SimulatedService service;
  private final World world;
  private final Instant wallStart;
  private final Duration step;

  Simulation(SimulatedService service, World world, Instant wallStart, Duration step) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("--step: must be more than zero, got " + step);
    }
    this.service = service;
    this.world = world;
    this.wallStart = wallStart;
    this.step = step;
  }

  /** A probe's next firing time, in nanoseconds from the start. */
  private record Firing(long at, Backend backend, SimulatedService.Probe probe, String vantage) {}

  /**
   * Runs for {@code length}; returns each route's ticks, in the order the routes are configured.
   */
  Map<String, List<Tick>> run(Duration length) {
    HealthBoard board = board();
    PriorityQueue<Firing> firings = firstFirings();
    Map<String, Policy> policies = new LinkedHashMap<>();
    Map<String, PolicyState> states = new LinkedHashMap<>();
    Map<String, List<Tick>> ticks = new LinkedHashMap<>();
    for (SimulatedService.Route r : service.routes()) {
      Policy policy = Policy.of(r.settings());
      policies.put(r.name(), policy);
      states.put(r.name(), policy.initialState(TrafficSplit.allOn(r.settings().home())));
      ticks.put(r.name(), new ArrayList<>());
    }
    long round = 0;
    for (long t = 0; t <= length.toNanos(); t += step.toNanos()) {
      fireUntil(t, firings, board);
      Duration at = Duration.ofNanos(t);
      HealthSnapshot snapshot =
          board.snapshot(
              service.name(), ++round, wallStart.plus(at), world.cvmLoad(at), ORIGIN_NANOS + t);
      for (var e : policies.entrySet()) {
        PolicyState state = states.get(e.getKey());
        PolicyOutcome outcome =
            e.getValue().decide(state, snapshot, Overrides.NONE, ORIGIN_NANOS + t);
        states.put(e.getKey(), outcome.next());
        ticks
            .get(e.getKey())
            .add(
                new Tick(
                    at,
                    e.getKey(),
                    world.healthy(Backend.CVM, at),
                    world.healthy(Backend.SCF, at),
                    snapshot.cvm(),
                    snapshot.scf(),
                    state.split(),
                    outcome.decision()));
      }
    }
    return ticks;
  }

  private HealthBoard board() {
    HealthBoard board =
        new HealthBoard(service.vantagePoints(), new CorrelationGuard(service.correlationWindow()));
    board.addService(service.name());
    service
        .backends()
        .forEach(
            (backend, setup) ->
                board.addBackend(
                    service.name(),
                    backend,
                    setup.rule(),
                    setup.probes().stream()
                        .map(
                            p ->
                                new CheckSpec(
                                    p.name(),
                                    p.thresholds(),
                                    p.interval().multipliedBy(CheckSpec.DEFAULT_STALE_INTERVALS)))
                        .toList()));
    return board;
  }

  /** Spreads the probes of each interval evenly, so that they do not all fire at once. */
  private PriorityQueue<Firing> firstFirings() {
    PriorityQueue<Firing> firings = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
    List<Firing> all = new ArrayList<>();
    for (var e : service.backends().entrySet()) {
      for (SimulatedService.Probe p : e.getValue().probes()) {
        for (String v : service.vantagePoints()) {
          all.add(new Firing(0, e.getKey(), p, v));
        }
      }
    }
    for (int i = 0; i < all.size(); i++) {
      Firing f = all.get(i);
      long offset = f.probe().interval().toNanos() * i / all.size();
      firings.add(new Firing(offset, f.backend(), f.probe(), f.vantage()));
    }
    return firings;
  }

  private void fireUntil(long t, PriorityQueue<Firing> firings, HealthBoard board) {
    while (!firings.isEmpty() && firings.peek().at() <= t) {
      Firing f = firings.poll();
      Duration at = Duration.ofNanos(f.at());
      World.Sample sample = world.sample(f.backend(), f.probe().name(), f.vantage(), at);
      board.record(
          service.name(),
          f.backend(),
          f.probe().name(),
          f.vantage(),
          new ProbeResult(outcomeOf(sample), ORIGIN_NANOS + f.at(), wallStart.plus(at)));
      firings.add(
          new Firing(f.at() + f.probe().interval().toNanos(), f.backend(), f.probe(), f.vantage()));
    }
  }

  private static ProbeOutcome outcomeOf(World.Sample sample) {
    return switch (sample.kind()) {
      case UP -> new ProbeOutcome.Up(Duration.ofMillis(5));
      case DOWN -> new ProbeOutcome.Down(DownReason.CONNECTION_REFUSED, sample.detail());
      case INCONCLUSIVE ->
          new ProbeOutcome.Inconclusive(InconclusiveCause.PROBER_LAG, sample.detail());
    };
  }
}
