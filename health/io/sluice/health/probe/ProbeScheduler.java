package io.sluice.health.probe;

import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every target's probes on one Vert.x context, each on its own jittered interval, and notices
 * when it is itself late.
 *
 * <p>Why: HAProxy and blackbox_exporter on a CPU-starved host report outages that are not there. A
 * probe whose timer fires two seconds late, or whose deadline fires late while the event loop was
 * blocked, measures the prober, not the backend. So every probe records its planned and actual
 * start; one that starts more than {@link ProbeSpec#maxLag()} late is not run and reads
 * Inconclusive PROBER_LAG, and a Down that settles more than {@code maxLag} after its deadline does
 * too. Neither ever counts towards failover. After a late start the plan is re-anchored at the
 * actual start, so one stall gives one Inconclusive per target, not a burst of catch-up probes.
 *
 * <p>Memory is fixed per target (a {@link ScheduledTarget} with one timer and the last start);
 * removing a target drops it. Results, with monotonic nanos and wall time from the injected clocks,
 * go to the consumer given for the target; every start's lag goes to the lag listener.
 */
public final class ProbeScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

  private final Context context;
  private final Prober prober;
  private final LongSupplier nanoClock;
  private final Clock wallClock;
  private final RandomGenerator random;
  private final LongConsumer lagListener;
  private final Map<String, ScheduledTarget> targets = new ConcurrentHashMap<>();
  private long slots;
  private boolean closed;

  /**
   * @param context where timers fire and probes run; one event loop for all targets
   * @param prober the prober, owned from now on: {@link #close()} closes it
   * @param nanoClock monotonic nanos, for plans and lag
   * @param wallClock wall time, for result timestamps
   * @param random the source of jitter
   * @param lagListener receives each probe's start lag in nanos (for a metric)
   */
  public ProbeScheduler(
      Context context,
      Prober prober,
      LongSupplier nanoClock,
      Clock wallClock,
      RandomGenerator random,
      LongConsumer lagListener) {
    this.context = Objects.requireNonNull(context, "context");
    this.prober = Objects.requireNonNull(prober, "prober");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    this.random = Objects.requireNonNull(random, "random");
    this.lagListener = Objects.requireNonNull(lagListener, "lagListener");
  }

  /**
   * Starts probing a target. Targets added one after another get first starts spread over their
   * interval ({@link ProbeCadence#firstDelayNanos}).
   *
   * @param transitioning tells whether the target's check is changing state, when probes use the
   *     fast interval
   * @throws IllegalArgumentException when a target of that name is already scheduled
   */
  public void add(
      String name, ProbeSpec spec, BooleanSupplier transitioning, Consumer<ProbeResult> results) {
    ScheduledTarget target =
        new ScheduledTarget(
            Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(spec, "spec"),
            Objects.requireNonNull(transitioning, "transitioning"),
            Objects.requireNonNull(results, "results"));
    if (targets.putIfAbsent(name, target) != null) {
      throw new IllegalArgumentException("target '" + name + "' is already scheduled");
    }
    context.runOnContext(
        v -> {
          if (closed || target.removed) {
            return;
          }
          target.plannedNanos = nanoClock.getAsLong() + target.cadence.firstDelayNanos(slots++);
          arm(target);
        });
  }

  /** Stops probing a target; a probe in flight completes but its result is dropped. */
  public void remove(String name) {
    ScheduledTarget target = targets.remove(name);
    if (target != null) {
      context.runOnContext(v -> disarm(target));
    }
  }

  /** The planned and actual start of the target's latest probe, if it has started one. */
  public Optional<ProbeStart> lastStart(String name) {
    return Optional.ofNullable(targets.get(name)).map(target -> target.lastStart);
  }

  /** Stops every timer, drops results still in flight and closes the prober. */
  public Future<Void> close() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          targets.values().forEach(this::disarm);
          targets.clear();
          prober.close().onComplete(stopped);
        });
    return stopped.future();
  }

  private void arm(ScheduledTarget target) {
    long waitNanos = target.plannedNanos - nanoClock.getAsLong();
    // rounded up, so that a probe does not start before its plan
    long waitMillis = Math.max(1, Math.ceilDiv(waitNanos, TimeUnit.MILLISECONDS.toNanos(1)));
    target.timerId = context.owner().setTimer(waitMillis, id -> fire(target));
  }

  private void disarm(ScheduledTarget target) {
    target.removed = true;
    context.owner().cancelTimer(target.timerId);
  }

  private void fire(ScheduledTarget target) {
    if (closed || target.removed) {
      return;
    }
    long startedNanos = nanoClock.getAsLong();
    ProbeStart start = new ProbeStart(target.plannedNanos, startedNanos);
    target.lastStart = start;
    lagListener.accept(start.lagNanos());
    long nextDelay = target.cadence.nextDelayNanos(target.transitioning.getAsBoolean(), random);
    if (start.lagNanos() > target.spec.maxLag().toNanos()) {
      deliver(target, lateStart(start));
      target.plannedNanos = startedNanos + nextDelay;
    } else {
      target.plannedNanos += nextDelay;
      if (!target.inFlight) {
        run(target, startedNanos);
      } else if (startedNanos - target.inFlightSinceNanos
          > target.spec.timeout().plus(target.spec.maxLag()).toNanos()) {
        // Probers bound every probe, so this should not happen; if one ever hangs, say so each
        // tick rather than letting the target fall silent (and stale) with no explanation.
        deliver(
            target,
            new ProbeOutcome.Inconclusive(
                InconclusiveCause.NOT_MEASURED,
                "the previous probe is still running after "
                    + TimeUnit.NANOSECONDS.toMillis(startedNanos - target.inFlightSinceNanos)
                    + "ms"));
      }
    }
    arm(target);
  }

  private void run(ScheduledTarget target, long startedNanos) {
    target.inFlight = true;
    target.inFlightSinceNanos = startedNanos;
    Future<ProbeOutcome> probe;
    try {
      probe = prober.probe(target.spec);
    } catch (RuntimeException e) {
      probe = Future.failedFuture(e);
    }
    probe.onComplete(
        done -> {
          target.inFlight = false;
          ProbeOutcome outcome =
              done.succeeded()
                  ? done.result()
                  : new ProbeOutcome.Inconclusive(
                      InconclusiveCause.NOT_MEASURED, "the prober failed: " + done.cause());
          deliver(target, unlessSettledLate(outcome, target.spec, startedNanos));
        });
  }

  private static ProbeOutcome lateStart(ProbeStart start) {
    return new ProbeOutcome.Inconclusive(
        InconclusiveCause.PROBER_LAG,
        "started " + TimeUnit.NANOSECONDS.toMillis(start.lagNanos()) + "ms late");
  }

  /**
   * A Down that settled well after its deadline was measured by a stalled prober: its timeout fired
   * late, or its answer sat unread. It cannot be trusted as evidence about the backend.
   */
  private ProbeOutcome unlessSettledLate(ProbeOutcome outcome, ProbeSpec spec, long startedNanos) {
    long overrunNanos = nanoClock.getAsLong() - startedNanos - spec.timeout().toNanos();
    if (outcome instanceof ProbeOutcome.Down down && overrunNanos > spec.maxLag().toNanos()) {
      return new ProbeOutcome.Inconclusive(
          InconclusiveCause.PROBER_LAG,
          "settled "
              + TimeUnit.NANOSECONDS.toMillis(overrunNanos)
              + "ms after its deadline, as "
              + down.describe());
    }
    return outcome;
  }

  private void deliver(ScheduledTarget target, ProbeOutcome outcome) {
    if (closed || target.removed) {
      return;
    }
    try {
      target.results.accept(new ProbeResult(outcome, nanoClock.getAsLong(), wallClock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("the result consumer of probe target '{}' failed; probing goes on", target.name, e);
    }
  }
}
