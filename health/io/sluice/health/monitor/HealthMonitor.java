package io.sluice.health.monitor;

import io.sluice.health.BackendHealth;
import io.sluice.health.HealthBoard;
import io.sluice.health.ProbeResult;
import io.sluice.health.VantagePoints;
import io.sluice.health.meters.HealthMeters;
import io.sluice.health.probe.HttpProber;
import io.sluice.health.probe.ProbeScheduler;
import io.sluice.health.probe.Prober;
import io.sluice.health.probe.TcpProber;
import io.sluice.health.signal.RuleLoad;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the active probes and cloud signals of a {@link Watchlist} from one vantage point and turns
 * their results into backend verdicts: every result goes to a {@link HealthBoard}, and a backend
 * whose verdict changes is announced to the subscribers as a {@link VerdictChange}. It also reads
 * Cloud Monitor's load on each backend's rule where the watchlist asks for it ({@link #load}).
 *
 * <p>Probes and signals are both checks of their backend on the board; the signals are down-only
 * ({@link BackendWatch#boardRule()}), so a throttled or failing cloud API (Inconclusive, then
 * UNKNOWN once stale) never takes the verdict away from the probes.
 *
 * <p>Threading: the board is single-threaded, so every access to it happens on the monitor's Vert.x
 * context, the deciding context. Results arrive, verdicts are judged and subscribers are called
 * there; {@link #snapshot} and {@link #backendHealth} must be called there too (the controller's
 * tick loop and API run on the same context). Probes run on the instance's other event loops
 * ({@link #probeLanes()} of them), never on this one, and hand their results over through a bounded
 * queue (ProbeScheduler). Subscribers must not block.
 *
 * <p>What a result costs: the board changes only what the result touches and judges again only the
 * backends whose checks changed status (all of them only when the correlation guard's finding
 * flips); after every result the monitor asks it to {@link HealthBoard#settle settle} and announces
 * what changed. Staleness needs no result: a sweep every {@link #STALE_SWEEP} settles the board at
 * the current time, so a check that stops reporting turns its backend UNKNOWN on its own (the tick
 * loop's snapshots are always exact; the sweep is for the announcement).
 *
 * <p>Every replica a vantage point: given {@link VantagePoints}, the monitor probes from the local
 * one and takes the other replicas' verdicts as they report them ({@link #remoteReport}); each
 * backend's verdict is the quorum over all of them, a report counting until it is older than its
 * {@code staleAfter}. A verdict changed by a report, or by a report going stale (the sweep settles
 * that too), is announced like one changed by a result, so the tick loop decides at once. What the
 * local vantage point concludes is this replica's to publish: {@link #localVerdicts}, and {@link
 * #subscribeLocal} for every change of it.
 *
 * <pre>{@code
 * HealthMonitor monitor = new HealthMonitor(watchlist, context, System::nanoTime, clock, "az3");
 * monitor.subscribe(change -> log.info("{}", change));
 * monitor.start();
 * }</pre>
 */
public final class HealthMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  /**
   * How often the board is settled without a result, so that a check going stale is announced: well
   * under any check's staleness (three probe intervals), and nearly free when nothing changed.
   */
  public static final Duration STALE_SWEEP = Duration.ofMillis(250);

  private final Watchlist watchlist;
  private final Context context;
  private final LongSupplier nanoClock;
  private final Clock wallClock;
  private final VantagePoints vantages;
  private final String vantage;
  private final HealthBoard board;
  private final ProbeScheduler scheduler;
  private final PeriodicReads cloudReads;
  private final CloudReaders readers;
  private final HealthMeters meters;
  private final HealthBoard.VerdictListener announcer = this::verdictChanged;
  private final HealthBoard.VantageListener vantageAnnouncer = this::vantageVerdictChanged;
  private final Map<String, HealthMeters.ReportMeters> reportMeters = new HashMap<>();
  private final Set<String> warnedOfUnknowns = new HashSet<>();
  private boolean localChanged;
  private long settlingAt;
  private long sweepTimer = -1;
  private boolean closed;
  private final Map<String, RuleLoad> loads = new ConcurrentHashMap<>();
  private final List<Consumer<VerdictChange>> subscribers = new CopyOnWriteArrayList<>();
  private final List<Consumer<Map<String, Map<Backend, Verdict>>>> localSubscribers =
      new CopyOnWriteArrayList<>();

  /** A monitor for a watchlist without cloud signals, with meters kept in memory. */
  public HealthMonitor(
      Watchlist watchlist,
      Context context,
      LongSupplier nanoClock,
      Clock wallClock,
      String vantage) {
    this(watchlist, context, nanoClock, wallClock, vantage, null, HealthMeters.inMemory());
  }

  /** A monitor that probes from {@code vantage}, the only vantage point. */
  public HealthMonitor(
      Watchlist watchlist,
      Context context,
      LongSupplier nanoClock,
      Clock wallClock,
      String vantage,
      CloudReaders readers,
      HealthMeters meters) {
    this(
        watchlist,
        context,
        nanoClock,
        wallClock,
        VantagePoints.solo(Objects.requireNonNull(vantage, "vantage")),
        readers,
        meters);
  }

  /**
   * Registers everything in a new board; probing begins with {@link #start()}.
   *
   * @param readers the cloud APIs the signals and loads read; may be null only when the watchlist
   *     has neither
   * @param meters where results, verdicts, loads and schedule lag are recorded
   * @param context where the board lives and results arrive: the deciding context; probes run on
   *     the Vert.x instance's other event loops
   * @param nanoClock monotonic nanos, for counting, staleness and probe plans
   * @param wallClock wall time, for result and change timestamps
   * @param vantages every vantage point: the local one this monitor probes from, and the other
   *     replicas, whose reports it takes with {@link #remoteReport}
   * @throws IllegalArgumentException when the watchlist does not fit the board (duplicate check
   *     names, a rule naming unknown checks), or has cloud reads but no readers
   */
  public HealthMonitor(
      Watchlist watchlist,
      Context context,
      LongSupplier nanoClock,
      Clock wallClock,
      VantagePoints vantages,
      CloudReaders readers,
      HealthMeters meters) {
    this.watchlist = Objects.requireNonNull(watchlist, "watchlist");
    this.context = Objects.requireNonNull(context, "context");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    this.vantages = Objects.requireNonNull(vantages, "vantages");
    this.vantage = vantages.local();
    this.meters = Objects.requireNonNull(meters, "meters");
    this.readers = readers;
    if (readers == null && watchlist.readsTheCloud()) {
      throw new IllegalArgumentException(
          "the watchlist has cloud signals or loads, but the monitor was given no cloud readers");
    }
    this.board = new HealthBoard(vantages, watchlist.guard());
    watchlist
        .services()
        .forEach(
            (service, backends) -> {
              board.addService(service);
              backends.forEach(
                  (backend, watch) -> {
                    board.addBackend(service, backend, watch.boardRule(), watch.checkSpecs());
                    meters.verdict(service, backend, Verdict.UNKNOWN);
                    for (String name : vantages.names()) {
                      meters.vantageVerdict(service, backend, name, Verdict.UNKNOWN);
                    }
                  });
            });
    watchlist.sentinels().forEach(sentinel -> board.addSentinel(sentinel.checkSpec()));
    for (String name : vantages.names()) {
      if (!name.equals(vantage)) {
        reportMeters.put(name, meters.replica(name, nanoClock));
      }
    }
    this.scheduler =
        new ProbeScheduler(
            context,
            probeLanes(),
            Prober.byKind(
                new HttpProber(context.owner(), nanoClock, vantage),
                new TcpProber(context.owner(), nanoClock)),
            nanoClock,
            wallClock,
            new SplittableRandom(),
            meters::scheduleLag,
            ProbeScheduler.DEFAULT_QUEUE_CAPACITY,
            meters::resultsShed);
    this.cloudReads = new PeriodicReads(context, new SplittableRandom());
  }

  /**
   * How many event loops probe: one per processor, as one loop caps a prober at a few thousand
   * probes a second (BENCHMARKS.md). None of them is the monitor's context's loop, so a Vert.x
   * instance that should give every lane a loop of its own needs one loop more than this.
   */
  public static int probeLanes() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Starts every probe, their first runs spread over their intervals, and the staleness sweep. */
  public void start() {
    context.runOnContext(
        v -> {
          if (!closed) {
            sweepTimer = context.owner().setPeriodic(STALE_SWEEP.toMillis(), id -> settle());
          }
        });
    watchlist
        .services()
        .forEach(
            (service, backends) ->
                backends.forEach(
                    (backend, watch) -> {
                      String where = service + "/" + backend.id() + "/";
                      for (ProbeWatch check : watch.checks()) {
                        HealthMeters.CheckMeters counted =
                            meters.check(service, backend, check.name());
                        scheduler.add(
                            where + check.name(),
                            check.spec(),
                            () -> board.transitioning(service, backend, check.name(), vantage),
                            result -> record(service, backend, check.name(), counted, result));
                      }
                      for (SignalWatch signal : watch.signals()) {
                        HealthMeters.CheckMeters counted =
                            meters.check(service, backend, signal.name());
                        cloudReads.add(
                            where + signal.name(),
                            signal.interval(),
                            () -> signal.signal().check(readers),
                            outcome ->
                                record(
                                    service,
                                    backend,
                                    signal.name(),
                                    counted,
                                    new ProbeResult(
                                        outcome, nanoClock.getAsLong(), wallClock.instant())));
                      }
                      watch
                          .load()
                          .ifPresent(
                              load ->
                                  cloudReads.add(
                                      where + "load",
                                      load.interval(),
                                      () -> readers.traffic().read(load.query()),
                                      latest -> {
                                        loads.put(service + "/" + backend.id(), latest);
                                        meters.load(service, backend, latest);
                                      }));
                    }));
    for (ProbeWatch sentinel : watchlist.sentinels()) {
      scheduler.add(
          "sentinel/" + sentinel.name(),
          sentinel.spec(),
          () -> board.sentinelTransitioning(sentinel.name(), vantage),
          result -> recordSentinel(sentinel.name(), result));
    }
  }

  /**
   * Calls {@code subscriber} on the monitor's context with every verdict change from now on. A
   * subscriber that throws is logged and the others are still called.
   */
  public void subscribe(Consumer<VerdictChange> subscriber) {
    subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /**
   * Calls {@code subscriber} on the monitor's context with every backend's verdict at the local
   * vantage point (by service, then backend) each time one of them changes: what this replica
   * publishes to the others. Several changes settled together are told once.
   */
  public void subscribeLocal(Consumer<Map<String, Map<Backend, Verdict>>> subscriber) {
    localSubscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /**
   * Every backend's verdict at the local vantage point now, after its correlation guard, by service
   * then backend. Call on the monitor's context.
   */
  public Map<String, Map<Backend, Verdict>> localVerdicts() {
    return board.localVerdicts(nanoClock.getAsLong());
  }

  /** The vantage points, the local one among them. */
  public VantagePoints vantagePoints() {
    return vantages;
  }

  /**
   * Takes another replica's report of its verdicts, received at {@code receivedNanos} (this
   * monitor's clock), and announces what it changed. A report is whole (a backend it leaves out is
   * UNKNOWN there) and an empty one means the replica left. Services and backends it names that the
   * watchlist does not have are ignored, with one WARN per replica: replicas may run different
   * config versions during a rollout. Call on the monitor's context.
   *
   * @throws IllegalArgumentException when {@code vantage} is not one of the other vantage points
   */
  public void remoteReport(
      String vantage, Map<String, Map<Backend, Verdict>> verdicts, long receivedNanos) {
    List<String> ignored = board.report(vantage, verdicts, receivedNanos);
    if (!verdicts.isEmpty()) {
      reportMeters.get(vantage).received(receivedNanos);
    }
    if (!ignored.isEmpty() && warnedOfUnknowns.add(vantage)) {
      LOG.warn(
          "replica '{}' reports on {}, which this replica does not watch; ignored (a config"
              + " rollout in progress?), and not said again for this replica",
          vantage,
          ignored);
    }
    settle();
  }

  /** The verdicts of a service's backends for the policy. Call on the monitor's context. */
  public HealthSnapshot snapshot(String service, long round, Instant wall, OptionalDouble cvmLoad) {
    return board.snapshot(service, round, wall, cvmLoad, nanoClock.getAsLong());
  }

  /** A backend's verdict with its evidence, for the explain API. Call on the monitor's context. */
  public BackendHealth backendHealth(String service, Backend backend) {
    return board.backendHealth(service, backend, nanoClock.getAsLong());
  }

  /**
   * The latest Cloud Monitor load on a backend's rule, if the watchlist reads it and an answer has
   * come; check {@link RuleLoad#periodStart()} for its age. Safe from any thread.
   */
  public Optional<RuleLoad> load(String service, Backend backend) {
    return Optional.ofNullable(loads.get(service + "/" + backend.id()));
  }

  /** The context the board lives on. */
  public Context context() {
    return context;
  }

  /** Stops every probe and cloud read and closes the probers; results in flight are dropped. */
  public Future<Void> close() {
    context.runOnContext(
        v -> {
          closed = true;
          context.owner().cancelTimer(sweepTimer);
        });
    return Future.join(scheduler.close(), cloudReads.close()).mapEmpty();
  }

  /**
   * Feeds one result of a backend's check, as its probe or cloud signal does: what the probes
   * deliver, and a way in for results taken elsewhere (tests, benchmarks). Call on the monitor's
   * context.
   */
  public void record(String service, Backend backend, String check, ProbeResult result) {
    record(service, backend, check, meters.check(service, backend, check), result);
  }

  private void record(
      String service,
      Backend backend,
      String check,
      HealthMeters.CheckMeters counted,
      ProbeResult result) {
    board.record(service, backend, check, vantage, result);
    counted.record(result.outcome());
    settle();
  }

  /** Feeds one result of a sentinel, as its probe does. Call on the monitor's context. */
  public void recordSentinel(String sentinel, ProbeResult result) {
    board.recordSentinel(sentinel, vantage, result);
    settle();
  }

  /**
   * How many times the board has judged a backend's verdict: a measure of the work results cause,
   * for tests and benchmarks. Call on the monitor's context.
   */
  public long judgements() {
    return board.judgements();
  }

  /** Brings the board to now and announces every verdict that changed. */
  private void settle() {
    settlingAt = nanoClock.getAsLong();
    board.settle(settlingAt, announcer, vantageAnnouncer);
    if (localChanged) {
      localChanged = false;
      if (localSubscribers.isEmpty()) {
        return;
      }
      Map<String, Map<Backend, Verdict>> local = board.localVerdicts(settlingAt);
      for (Consumer<Map<String, Map<Backend, Verdict>>> subscriber : localSubscribers) {
        try {
          subscriber.accept(local);
        } catch (RuntimeException e) {
          LOG.warn("a local verdict subscriber failed; the others still hear of it", e);
        }
      }
    }
  }

  private void vantageVerdictChanged(
      String service, Backend backend, String at, Verdict from, Verdict to) {
    meters.vantageVerdict(service, backend, at, to);
    if (at.equals(vantage)) {
      localChanged = true;
    }
  }

  private void verdictChanged(String service, Backend backend, Verdict from, Verdict to) {
    meters.verdict(service, backend, to);
    announce(
        new VerdictChange(
            service,
            backend,
            from,
            to,
            board.backendHealth(service, backend, settlingAt),
            wallClock.instant()));
  }

  private void announce(VerdictChange change) {
    LOG.info(
        "{}/{} {} -> {}: {}",
        change.service(),
        change.backend().id(),
        change.from(),
        change.to(),
        change.health().summary());
    for (Consumer<VerdictChange> subscriber : subscribers) {
      try {
        subscriber.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("a verdict subscriber failed on {}; the others still hear of it", change, e);
      }
    }
  }
}
