package io.sluice.controller.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.controller.api.TickHooks;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's heartbeat on the daemon's context: every tick, and at once when one of a
 * service's verdicts changes, the service's snapshot goes to its routes' reconcilers. The loop
 * never dies (a tick that throws is counted and logged), and it notices when it runs late (a
 * starved or paused process) and when the wall clock jumps against the monotonic one; decisions
 * keep using monotonic time either way.
 */
final class TickLoop {
  private static final Logger LOG = LoggerFactory.getLogger(TickLoop.class);

  /** A tick later than this many intervals is logged as starvation. */
  static final int LATE_INTERVALS = 2;

  /** Wall time moving this much more or less than monotonic time between ticks is a jump. */
  static final Duration CLOCK_JUMP = Duration.ofSeconds(2);

  private final Context context;
  private final HealthMonitor monitor;
  private final Map<String, List<RouteReconciler>> reconcilers;
  private final DaemonOptions options;
  private final BiFunction<String, HealthMonitor, OptionalDouble> loads;
  private final Timer lag;
  private final Counter errors;
  private final Counter clockJumps;
  private final MoveVerifications verifications;
  private final List<BiConsumer<RouteReconciler, Instant>> watchers = new ArrayList<>();
  private final TickHooks hooks;
  private long timerId = -1;
  private long round;
  private long lastNanos;
  private Instant lastWall;
  private volatile boolean stopped;

  TickLoop(
      Context context,
      HealthMonitor monitor,
      Map<String, List<RouteReconciler>> reconcilers,
      MeterRegistry registry,
      DaemonOptions options,
      BiFunction<String, HealthMonitor, OptionalDouble> loads) {
    this(context, monitor, reconcilers, registry, options, loads, TickHooks.NONE);
  }

  /**
   * @param hooks the operator's side: overrides read before every decision, decisions recorded
   */
  TickLoop(
      Context context,
      HealthMonitor monitor,
      Map<String, List<RouteReconciler>> reconcilers,
      MeterRegistry registry,
      DaemonOptions options,
      BiFunction<String, HealthMonitor, OptionalDouble> loads,
      TickHooks hooks) {
    this.context = context;
    this.hooks = hooks;
    this.monitor = monitor;
    this.reconcilers = reconcilers;
    this.options = options;
    this.loads = loads;
    this.lag =
        Timer.builder(MeterNames.TICK_LAG)
            .description("how late each controller tick ran against its plan")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    this.errors =
        Counter.builder(MeterNames.TICK_ERRORS)
            .description("ticks that failed with an unexpected error; the loop goes on")
            .register(registry);
    this.verifications = new MoveVerifications(monitor::load, registry);
    this.clockJumps =
        Counter.builder(MeterNames.CLOCK_JUMPS)
            .description("wall-clock jumps noticed between ticks")
            .register(registry);
  }

  /** Calls {@code watcher} after each route's tick, on the daemon's context; before start. */
  void watch(BiConsumer<RouteReconciler, Instant> watcher) {
    watchers.add(watcher);
  }

  void start() {
    context.runOnContext(
        v -> {
          lastNanos = options.nanos().getAsLong();
          lastWall = options.wall().instant();
          timerId = context.owner().setPeriodic(options.tick().toMillis(), id -> tick());
          // A verdict change is decided on at once: waiting for the next tick would add up to a
          // whole tick to every failover, the controller's own share of it (BENCHMARKS.md).
          monitor.subscribe(change -> decideNow(change.service()));
          reconcilers.forEach(
              (service, routes) ->
                  routes.forEach(route -> route.onTakenOver(() -> decideNow(service))));
        });
  }

  /**
   * Decides for every service at once, between ticks: when this replica has just taken the group's
   * leadership, its routes start (read the cloud) now rather than at the next tick.
   */
  void decideAllNow() {
    context.runOnContext(v -> reconcilers.keySet().forEach(this::decideNow));
  }

  /** Whether every route has read the cloud and started its policy, or follows another replica. */
  boolean ready() {
    // a follower's routes keep no policy state (issue 12): standing down is their ready state
    return reconcilers.values().stream()
        .flatMap(List::stream)
        .allMatch(r -> r.state().isPresent() || r.following());
  }

  /**
   * Routes a person must look at, for {@code /readyz}: changes that did not move the requests even
   * after a retry, and routes whose reads or changes keep failing. Call on the daemon's context.
   */
  List<String> escalations() {
    List<String> all = new ArrayList<>(verifications.escalations());
    reconcilers.values().stream()
        .flatMap(List::stream)
        .forEach(route -> route.escalation().ifPresent(all::add));
    return all;
  }

  /**
   * Stops ticking, then waits (bounded) for changes in flight; a change still running at the
   * deadline is abandoned, and its unfinished intent stays in the journal for the next start.
   */
  Future<Void> stop(Duration deadline) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          stopped = true;
          context.owner().cancelTimer(timerId);
          long until = options.nanos().getAsLong() + deadline.toNanos();
          awaitIdle(until, done);
        });
    return done.future();
  }

  private void awaitIdle(long until, Promise<Void> done) {
    boolean busy =
        reconcilers.values().stream().flatMap(List::stream).anyMatch(RouteReconciler::busy);
    if (!busy) {
      done.complete();
    } else if (options.nanos().getAsLong() - until > 0) {
      LOG.warn(
          "a change is still in flight at the shutdown deadline; the journal keeps its intent");
      done.complete();
    } else {
      context.owner().setTimer(50, id -> awaitIdle(until, done));
    }
  }

  private void tick() {
    if (stopped) {
      return;
    }
    try {
      watchTime();
      round++;
      hooks.tickStarted();
      Instant wall = options.wall().instant();
      reconcilers.forEach((service, routes) -> decide(service, routes, wall));
    } catch (RuntimeException e) {
      errors.increment();
      LOG.error("tick {} failed; the loop goes on", round, e);
    }
  }

  /**
   * An extra decision for one service between ticks, in the current round (so it does not count as
   * a fresh round while warming up); none before the first tick, which reads the cloud.
   */
  private void decideNow(String service) {
    List<RouteReconciler> routes = reconcilers.get(service);
    if (stopped || round == 0 || routes == null) {
      return;
    }
    try {
      decide(service, routes, options.wall().instant());
    } catch (RuntimeException e) {
      errors.increment();
      LOG.error("deciding on {}'s verdict change failed; the loop goes on", service, e);
    }
  }

  /**
   * Each service and each route fails alone: one that throws on every tick must not stop the
   * services after it from deciding (and failing over).
   */
  private void decide(String service, List<RouteReconciler> routes, Instant wall) {
    HealthSnapshot snapshot;
    try {
      snapshot = monitor.snapshot(service, round, wall, loads.apply(service, monitor));
    } catch (RuntimeException e) {
      errors.increment();
      LOG.error("{}: reading the verdicts failed in round {}; its routes wait", service, round, e);
      return;
    }
    Overrides overrides = hooks.overrides(service);
    for (RouteReconciler route : routes) {
      try {
        Decision prior = route.lastDecision().orElse(null);
        route.tick(snapshot, overrides);
        route
            .lastDecision()
            .filter(d -> d != prior)
            .ifPresent(d -> hooks.decided(service, route.route(), wall, d, snapshot));
        verifications.follow(route, wall);
        watchers.forEach(w -> w.accept(route, wall));
      } catch (RuntimeException e) {
        errors.increment();
        LOG.error(
            "{}/{}: the tick failed in round {}; the others go on",
            service,
            route.route(),
            round,
            e);
      }
    }
  }

  private void watchTime() {
    long nowNanos = options.nanos().getAsLong();
    Instant nowWall = options.wall().instant();
    long elapsed = nowNanos - lastNanos;
    long late = elapsed - options.tick().toNanos();
    lag.record(Math.max(0, late), TimeUnit.NANOSECONDS);
    if (late > options.tick().toNanos() * (LATE_INTERVALS - 1)) {
      LOG.warn(
          "tick ran {} ms late: the process was starved or paused; probes that ran late are"
              + " Inconclusive, not Down",
          TimeUnit.NANOSECONDS.toMillis(late));
    }
    long wallElapsed = Duration.between(lastWall, nowWall).toNanos();
    if (Math.abs(wallElapsed - elapsed) > CLOCK_JUMP.toNanos()) {
      clockJumps.increment();
      LOG.warn(
          "the wall clock jumped {} ms against the monotonic clock; intervals, dwell and hold-down"
              + " use monotonic time and are unaffected; cloud API signatures need a correct clock",
          TimeUnit.NANOSECONDS.toMillis(wallElapsed - elapsed));
    }
    lastNanos = nowNanos;
    lastWall = nowWall;
  }
}
