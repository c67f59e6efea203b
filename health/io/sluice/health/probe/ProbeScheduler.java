package io.sluice.health.probe;

import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every target's probes, each on its own jittered interval, spread over one or more event
 * loops ({@link ProbeLane}s), and notices when it is itself late.
 *
 * <p>Why: HAProxy and blackbox_exporter on a CPU-starved host report outages that are not there. A
 * probe whose timer fires two seconds late, or whose deadline fires late while the event loop was
 * blocked, measures the prober, not the backend. So every probe records its planned and actual
 * start; one that starts more than {@link ProbeSpec#maxLag()} late is not run and reads
 * Inconclusive PROBER_LAG, and so does a Down that settles more than {@code maxLag} after its
 * deadline, or a timeout that settles on a loop that stalled during the probe ({@link LoopDelay}).
 * None ever counts towards failover. After a late start the plan is re-anchored at the actual
 * start, so one stall gives one Inconclusive per target, not a burst of catch-up probes.
 *
 * <p>Why several loops: one loop caps a prober at a few thousand probes a second (BENCHMARKS.md).
 * Each target is pinned to a lane by its address, so that its keep-alive connection lives on the
 * loop that probes it; results go back to the scheduler's context, where the single-threaded health
 * board lives, in one batch per lane tick.
 *
 * <p>Why no lane on the scheduler's own loop: that context decides (the health board, the
 * reconcilers, the tick loop and the API handlers share it). A lane there would make every probe
 * start, settle and connection event queue behind the deciding work, and deciding behind them; a
 * starved decider would starve the probes into PROBER_LAG, and a burst of probes would hold up a
 * failover. So the lanes take the instance's other event loops ({@link LaneContexts}), and a busy
 * decider only makes results wait, in a bounded {@link ResultInbox} that sheds the oldest when full
 * (counted by the shed listener).
 *
 * <p>Memory is fixed per target (a {@link ScheduledTarget} and the last start); removing a target
 * drops it. Results, with monotonic nanos and wall time from the injected clocks, go to the
 * consumer given for the target; every start's lag goes to the lag listener. Both are called on the
 * scheduler's context.
 */
public final class ProbeScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

  /**
   * The most results that wait for the scheduler's context: a few seconds' worth at thousands of
   * probes a second, about a megabyte.
   */
  public static final int DEFAULT_QUEUE_CAPACITY = 16_384;

  private final Context context;
  private final Prober prober;
  private final LongSupplier nanoClock;
  private final Clock wallClock;
  private final List<ProbeLane> lanes;
  private final ResultInbox inbox;
  private final Map<String, ScheduledTarget> targets = new ConcurrentHashMap<>();
  private final AtomicLong slots = new AtomicLong();
  private volatile boolean closed;

  /** A scheduler with one lane, on an event loop other than {@code context}'s. */
  public ProbeScheduler(
      Context context,
      Prober prober,
      LongSupplier nanoClock,
      Clock wallClock,
      RandomGenerator random,
      LongConsumer lagListener) {
    this(context, 1, prober, nanoClock, wallClock, random, lagListener);
  }

  /** A scheduler whose result queue has the default capacity, and tells no one what it sheds. */
  public ProbeScheduler(
      Context context,
      int lanes,
      Prober prober,
      LongSupplier nanoClock,
      Clock wallClock,
      RandomGenerator random,
      LongConsumer lagListener) {
    this(
        context,
        lanes,
        prober,
        nanoClock,
        wallClock,
        random,
        lagListener,
        DEFAULT_QUEUE_CAPACITY,
        shed -> {});
  }

  /**
   * @param context where results and lags are delivered: the deciding context, on whose event loop
   *     no lane runs
   * @param lanes how many event loops probe; at most the Vert.x instance's event loops but the
   *     context's own (only an instance with a single loop puts one lane on it, with a warning)
   * @param prober the prober, owned from now on: {@link #close()} closes it
   * @param nanoClock monotonic nanos, for plans and lag
   * @param wallClock wall time, for result timestamps
   * @param random the source of jitter; each further lane draws from a generator seeded by it
   * @param lagListener receives each probe's start lag in nanos (for a metric)
   * @param queueCapacity the most results that may wait for the context before the oldest are shed
   * @param shedListener told how many results were shed, on the lane that shed them
   */
  public ProbeScheduler(
      Context context,
      int lanes,
      Prober prober,
      LongSupplier nanoClock,
      Clock wallClock,
      RandomGenerator random,
      LongConsumer lagListener,
      int queueCapacity,
      IntConsumer shedListener) {
    this.context = Objects.requireNonNull(context, "context");
    this.prober = Objects.requireNonNull(prober, "prober");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    Objects.requireNonNull(random, "random");
    this.inbox =
        new ResultInbox(
            task -> context.runOnContext(v -> task.run()),
            queueCapacity,
            Objects.requireNonNull(lagListener, "lagListener"),
            Objects.requireNonNull(shedListener, "shedListener"),
            nanoClock);
    List<ProbeLane> built = new ArrayList<>();
    for (Context lane : LaneContexts.of(context, lanes)) {
      RandomGenerator draws = built.isEmpty() ? random : new SplittableRandom(random.nextLong());
      built.add(new ProbeLane(lane, inbox, nanoClock, draws, this::fire));
    }
    this.lanes = List.copyOf(built);
    this.lanes.forEach(ProbeLane::start);
  }

  /** The lanes' contexts, one per event loop that probes. */
  List<Context> laneContexts() {
    return lanes.stream().map(lane -> lane.context).toList();
  }

  /**
   * Starts probing a target. Targets added one after another get first starts spread over their
   * interval ({@link ProbeCadence#firstDelayNanos}).
   *
   * @param transitioning tells whether the target's check is changing state, when probes use the
   *     fast interval; called on the scheduler's context
   * @throws IllegalArgumentException when a target of that name is already scheduled
   */
  public void add(
      String name, ProbeSpec spec, BooleanSupplier transitioning, Consumer<ProbeResult> results) {
    ScheduledTarget target =
        new ScheduledTarget(
            Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(spec, "spec"),
            Objects.requireNonNull(transitioning, "transitioning"),
            Objects.requireNonNull(results, "results"),
            laneFor(spec));
    if (targets.putIfAbsent(name, target) != null) {
      throw new IllegalArgumentException("target '" + name + "' is already scheduled");
    }
    long slot = slots.getAndIncrement();
    context.runOnContext(
        v -> {
          target.transitioning = transitioning.getAsBoolean();
          target.lane.context.runOnContext(
              w -> {
                if (closed || target.removed) {
                  return;
                }
                target.plannedNanos = nanoClock.getAsLong() + target.cadence.firstDelayNanos(slot);
                target.lane.schedule(target);
              });
        });
  }

  /** Stops probing a target; a probe in flight completes but its result is dropped. */
  public void remove(String name) {
    ScheduledTarget target = targets.remove(name);
    if (target != null) {
      target.removed = true;
      target.lane.context.runOnContext(v -> target.lane.unschedule(target));
    }
  }

  /** The planned and actual start of the target's latest probe, if it has started one. */
  public Optional<ProbeStart> lastStart(String name) {
    return Optional.ofNullable(targets.get(name)).map(target -> target.lastStart);
  }

  /**
   * Stops every lane, drops results still in flight and closes the prober; completes once no lane
   * will hand anything over any more.
   */
  public Future<Void> close() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          targets.values().forEach(target -> target.removed = true);
          targets.clear();
          Future.join(lanes.stream().map(ProbeLane::close).toList())
              .onComplete(
                  lanesStopped -> {
                    inbox.clear();
                    prober.close().onComplete(stopped);
                  });
        });
    return stopped.future();
  }

  /** The same address always on the same lane, so that probes of it share one connection pool. */
  private ProbeLane laneFor(ProbeSpec spec) {
    return lanes.get(Math.floorMod(Objects.hash(spec.host(), spec.port()), lanes.size()));
  }

  /** A target's planned start is due; on its lane. */
  private void fire(ScheduledTarget target) {
    if (closed || target.removed) {
      return;
    }
    ProbeLane lane = target.lane;
    long startedNanos = nanoClock.getAsLong();
    ProbeStart start = new ProbeStart(target.plannedNanos, startedNanos);
    target.lastStart = start;
    lane.postLag(start.lagNanos());
    boolean fast = target.transitioning;
    long nextDelay = target.cadence.nextDelayNanos(fast, lane.random);
    if (start.lagNanos() > target.spec.maxLag().toNanos()) {
      deliver(target, lateStart(start));
      target.plannedNanos = startedNanos + nextDelay;
    } else {
      target.plannedNanos += nextDelay;
      if (!target.inFlight) {
        run(target, startedNanos, fast ? target.fastSpec : target.spec);
      } else if (startedNanos - target.inFlightSinceNanos
          > target.inFlightSpec.timeout().plus(target.spec.maxLag()).toNanos()) {
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
    lane.schedule(target);
  }

  private void run(ScheduledTarget target, long startedNanos, ProbeSpec spec) {
    target.inFlight = true;
    target.inFlightSinceNanos = startedNanos;
    target.inFlightSpec = spec;
    Future<ProbeOutcome> probe;
    try {
      probe = prober.probe(spec);
    } catch (RuntimeException e) {
      probe = Future.failedFuture(e);
    }
    probe.onComplete(
        done -> {
          if (target.lane.onLane()) {
            settled(target, startedNanos, done);
          } else {
            // probers settle on the loop they were called on; a test double may not
            target.lane.context.runOnContext(v -> settled(target, startedNanos, done));
          }
        });
  }

  private void settled(ScheduledTarget target, long startedNanos, AsyncResult<ProbeOutcome> done) {
    target.inFlight = false;
    ProbeOutcome outcome =
        done.succeeded()
            ? done.result()
            : new ProbeOutcome.Inconclusive(
                InconclusiveCause.NOT_MEASURED, "the prober failed: " + done.cause());
    ProbeOutcome measured = unlessMeasuredByALateProber(outcome, target, startedNanos);
    deliver(target, measured);
    hurryIfTurned(target, measured);
  }

  /**
   * A result that turns (a Down after Ups, an Up after Downs) starts a change of state, so the next
   * probe comes a fast interval from now, not a whole interval after this one started: HAProxy's
   * fastinter does the same, and waiting for the board to say "changing" first would cost one full
   * interval of detection. The board's own answer then arrives with the result and rules from the
   * next probe on.
   */
  private void hurryIfTurned(ScheduledTarget target, ProbeOutcome outcome) {
    boolean up = outcome instanceof ProbeOutcome.Up;
    if (!up && !(outcome instanceof ProbeOutcome.Down)) {
      return;
    }
    Boolean before = target.lastUp;
    target.lastUp = up;
    if (before == null
        || before == up
        || target.transitioning
        || target.spec.fastInterval().isEmpty()
        || closed
        || target.removed) {
      return;
    }
    target.transitioning = true;
    long sooner = nanoClock.getAsLong() + target.cadence.nextDelayNanos(true, target.lane.random);
    if (sooner - target.plannedNanos < 0) {
      target.lane.reschedule(target, sooner);
    }
  }

  private static ProbeOutcome lateStart(ProbeStart start) {
    return new ProbeOutcome.Inconclusive(
        InconclusiveCause.PROBER_LAG,
        "started " + TimeUnit.NANOSECONDS.toMillis(start.lagNanos()) + "ms late");
  }

  /**
   * A Down that settled well after its deadline was measured by a stalled prober: its timeout fired
   * late, or its answer sat unread. So was a timeout on a loop that stalled during the probe, even
   * if the timeout itself fired on time: the answer may have sat unread through the stall. Neither
   * can be trusted as evidence about the backend.
   */
  private ProbeOutcome unlessMeasuredByALateProber(
      ProbeOutcome outcome, ScheduledTarget target, long startedNanos) {
    if (!(outcome instanceof ProbeOutcome.Down down)) {
      return outcome;
    }
    long now = nanoClock.getAsLong();
    long overrunNanos = now - startedNanos - target.inFlightSpec.timeout().toNanos();
    if (overrunNanos > target.spec.maxLag().toNanos()) {
      return proberLag("settled " + millis(overrunNanos) + "ms after its deadline", down);
    }
    long stallNanos = target.lane.delay.stallSince(startedNanos, now);
    if (isTimeout(down.reason()) && stallNanos > 0) {
      return proberLag(
          "timed out while the prober's event loop ran " + millis(stallNanos) + "ms behind", down);
    }
    return outcome;
  }

  private static ProbeOutcome proberLag(String why, ProbeOutcome.Down down) {
    return new ProbeOutcome.Inconclusive(
        InconclusiveCause.PROBER_LAG, why + ", as " + down.describe());
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static boolean isTimeout(DownReason reason) {
    return reason == DownReason.CONNECT_TIMEOUT || reason == DownReason.READ_TIMEOUT;
  }

  /** Stamps the outcome now, on the lane, and hands it to the board's context with the tick. */
  private void deliver(ScheduledTarget target, ProbeOutcome outcome) {
    ProbeResult result = new ProbeResult(outcome, nanoClock.getAsLong(), wallClock.instant());
    long number = ++target.taken;
    target.lane.post(() -> consume(target, number, result));
  }

  /**
   * Hands {@code result} to the target's consumer; after a gap (results shed by the inbox) first an
   * Inconclusive {@code RESULTS_SHED}, so the check's run breaks there.
   */
  private void consume(ScheduledTarget target, long number, ProbeResult result) {
    if (closed || target.removed) {
      return;
    }
    long missed = number - target.consumed - 1;
    target.consumed = number;
    try {
      if (missed > 0) {
        target.results.accept(
            new ProbeResult(
                new ProbeOutcome.Inconclusive(
                    InconclusiveCause.RESULTS_SHED,
                    missed + " results shed while the deciding context was behind"),
                result.atNanos(),
                result.at()));
      }
      target.results.accept(result);
      target.transitioning = target.transitioningCheck.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("the result consumer of probe target '{}' failed; probing goes on", target.name, e);
    }
  }
}
