package io.sluice.controller.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.cloud.CapSpent;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.ha.FencedOut;
import io.sluice.controller.ha.FencedRecords.Fenced;
import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.Role;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.journal.JournalEntry;
import io.sluice.controller.reconcile.CloudView.Empty;
import io.sluice.controller.reconcile.CloudView.Known;
import io.sluice.controller.reconcile.CloudView.Piece;
import io.sluice.controller.reconcile.CloudView.Unread;
import io.sluice.policies.Backend;
import io.sluice.policies.ColdRamp;
import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.Phase;
import io.sluice.policies.Policy;
import io.sluice.policies.PolicyOutcome;
import io.sluice.policies.PolicyState;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one route's cloud routing where its policy wants it, level-triggered: on every tick the
 * policy decides the desired split from the latest verdicts, and whenever what was last read from
 * the cloud differs (or its pieces disagree), the actuators are run, in order, with absolute
 * values. What the reconciler is doing is its {@link ReconcileStage}, moved only along the stage's
 * table.
 *
 * <p>Below the policy, every piece of the route (one per actuator) is held to the policy's safety
 * by {@link PieceGuard}: no write raises the share of a backend the verdicts say is DOWN, whatever
 * state a crash, a hand edit or a failed write left the pieces in; and a piece that routes to
 * nothing is repaired first, toward a backend that is not DOWN, before anything else and without
 * waiting for the policy's warm-up or a long back-off.
 *
 * <p>A failed or unknown change is journaled, backs off ({@link Backoff}: a few seconds at most
 * while the change is urgent), and is followed by a fresh read before anything else; the cloud is
 * also re-read every {@link CloudView#REREAD_EVERY} to notice drift. After {@link
 * Backoff#ESCALATE_AFTER} failed attempts in a row the route is escalated ({@link #escalation}).
 *
 * <p>Cold start (reliability faults 6 and 7): the first thing is a read of every piece, which the
 * policy starts from and holds (WARMING) until the probes have reported. A journal intent without
 * an outcome means the previous run stopped mid-change: each write it journaled is audited (with
 * the RequestId it got, or as unanswered), the intent is closed as INTERRUPTED, and when the pieces
 * show the change half done, the policy starts from its target and the change is completed at once,
 * named as what it is. When nothing can be read at all, the last journaled intent is the start.
 *
 * <p>SCF pre-warm: a decision's pre-warm side actions go to a {@link PrewarmGate}, which holds back
 * a change that raises SCF's share until the function is warm or {@code prewarm.waitFor} runs out;
 * after that, the change goes ahead cold, in the steps of the route's {@link ColdRamp}.
 *
 * <p>In a replica group ({@link Acting}, issue 12) the reconciler acts only while its replica
 * leads: a follower reads nothing for writing, writes nothing and keeps no policy state ({@link
 * ReconcileStage#FOLLOWING}); a change in flight when leadership is lost ends within the lease
 * (every cloud call of the actuators is capped by it, see {@link LeaseCap}) and then the route
 * stands down. Before each cloud write, once journaled, the write's intent is put as the route's
 * fenced record {@code intent/<service>/<route>} in the leader's epoch, and the write waits for it:
 * a deposed leader's put fails ({@link io.sluice.controller.ha.FencedOut}), its plan ends with
 * nothing written, which is counted and logged as "deposed", never as a cloud fault. After each
 * decision that changes the policy's phase, split or timers, the state is put (without waiting) as
 * {@code policy/<service>/<route>}, its times on the group's clock. A new leader cold-starts from
 * both and a fresh read: a half-done change is completed only toward backends it has seen UP, and
 * the policy goes on from the committed state (a failback wait keeps what it had waited).
 *
 * <p>Threading: every method runs on the daemon's deciding context, one tick at a time; journal
 * writes run on the journal's lane and continue here. While a read or a change is in flight, ticks
 * for this route only decide.
 */
public final class RouteReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(RouteReconciler.class);
  static final Duration REREAD_EVERY = CloudView.REREAD_EVERY;
  static final int DECISIONS_KEPT = 100;

  /**
   * How long a read or a change may be in flight before the route is escalated: far beyond a
   * change's writes, each bounded by its call and task budgets; only a call or a disk that never
   * answers gets here.
   */
  static final Duration STUCK_AFTER = Duration.ofMinutes(5);

  private final String service;
  private final String route;
  private final Policy policy;
  private final List<Actuator> actuators;
  private final IntentJournal journal;
  private final boolean dryRun;
  private final LongSupplier nanos;
  private final RouteMeters meters;
  private final Deque<Decision> decisions = new ArrayDeque<>();
  private final Optional<PrewarmGate> prewarm;
  private final CloudView view;
  private final Backoff backoff;
  private final CloudFaults faults = new CloudFaults();
  private final ChangeRunner changes;
  private final Acting acting;

  private Runnable takenOver = () -> {};
  private ReconcileStage stage = ReconcileStage.UNSTARTED;
  private long stageSince;
  private PolicyState state;
  private HealthSnapshot health;
  // a change a killed run left half done, completed before anything else, and why
  private Restart.Start resuming;
  // why the applied plan is to be re-applied after a fresh read (a change that did not move)
  private String reapplyReason;
  // what the last failure and the last hold were, for /readyz and to log each once
  private String lastFailureText;
  private String lastHeld;
  private TrafficSplit reportedUnapplied;
  // the epoch the policy state was started in, NOT_STARTED while there is none
  private long startedIn = NOT_STARTED;
  // the epoch a fenced write was refused in: this replica was deposed from it, and acts no more in
  // it
  private long deposedIn = NOT_STARTED;
  // the policy state last put for the next leader, to put again only what changed
  private Carried lastCarried;
  // a read or a call refused or ended because the lease ran out, not because the cloud failed
  private boolean leaseEnded;

  private static final long NOT_STARTED = -1;

  /**
   * @param actuators in the order the config gives; at least one
   * @param dryRun decide and print the plans, never write
   */
  public RouteReconciler(
      String service,
      RouteSettings route,
      List<Actuator> actuators,
      IntentJournal journal,
      MeterRegistry registry,
      boolean dryRun,
      LongSupplier nanos) {
    this(service, route, actuators, journal, registry, dryRun, nanos, Optional.empty());
  }

  /**
   * @param prewarm what to pre-warm before traffic moves to SCF; empty without a prewarm
   */
  public RouteReconciler(
      String service,
      RouteSettings route,
      List<Actuator> actuators,
      IntentJournal journal,
      MeterRegistry registry,
      boolean dryRun,
      LongSupplier nanos,
      Optional<PrewarmTarget> prewarm) {
    this(service, route, actuators, journal, registry, dryRun, nanos, prewarm, Acting.solo(nanos));
  }

  /**
   * A route's reconciler in a replica group: it acts only while {@code acting}'s leadership lets
   * it, puts its intent (fenced) before each cloud write and its policy state after each decision
   * that changes it, and at a takeover starts from both and a fresh read of the cloud.
   *
   * @param prewarm what to pre-warm before traffic moves to SCF; empty without a prewarm
   * @param acting this replica's leadership, fenced records and group clock; {@link Acting#solo}
   *     for the single process
   */
  public RouteReconciler(
      String service,
      RouteSettings route,
      List<Actuator> actuators,
      IntentJournal journal,
      MeterRegistry registry,
      boolean dryRun,
      LongSupplier nanos,
      Optional<PrewarmTarget> prewarm,
      Acting acting) {
    this.acting = Objects.requireNonNull(acting, "acting");
    this.service = Objects.requireNonNull(service, "service");
    this.route = route.route();
    this.policy = Policy.of(route.settings());
    this.actuators = List.copyOf(actuators);
    if (this.actuators.isEmpty()) {
      throw new IllegalArgumentException("route " + this.route + ": needs at least one actuator");
    }
    this.journal = Objects.requireNonNull(journal, "journal");
    this.dryRun = dryRun;
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    // Monotonic times are compared by subtraction: a first attempt "due at 0" would be in the far
    // future for a clock that reads negative (System.nanoTime may, and wraps).
    long now = nanos.getAsLong();
    this.backoff = new Backoff(now);
    this.stageSince = now;
    this.view = new CloudView(this.actuators, now);
    this.meters = new RouteMeters(registry, service, this.route);
    meters.stage(stage);
    this.changes =
        new ChangeRunner(service, this.route, this.actuators, journal, meters, nanos, acting);
    this.prewarm =
        prewarm.map(
            p ->
                new PrewarmGate(
                    service + "/" + this.route,
                    p,
                    ColdRamp.of(route.settings()),
                    changes.prewarmLog(() -> view.reportedSplit().orElse(null)),
                    meters));
    acting.leadership().onRoleChange(role -> standDownIfIdle());
  }

  public String route() {
    return route;
  }

  public String service() {
    return service;
  }

  /**
   * Whether this route moves traffic between the two CLB instances by DNS weights. Only then does
   * the gaining backend's own rule show the requests that moved: a {@code clb-rule} switch alone
   * keeps the requests on the same rule, which now forwards them to the other kind of target, so
   * that rule's Cloud Monitor figures cannot tell whether they moved.
   */
  public boolean shiftsDnsWeights() {
    return actuators.stream()
        .anyMatch(a -> a.kind().equals(ServiceConfig.ActuatorKind.DNS_WEIGHT.id()));
  }

  /** The policy's state, empty until the first read of the cloud. */
  public Optional<PolicyState> state() {
    return Optional.ofNullable(state);
  }

  /** What the first actuator last read, empty while unknown. */
  public Optional<Routing> actual() {
    return view.reported();
  }

  /**
   * A change the cloud reported applied: the routing read before and after it.
   *
   * @param seq increases with every change of this route
   */
  public record AppliedChange(long seq, TrafficSplit from, TrafficSplit to) {}

  /**
   * A change that failed or whose outcome is unknown.
   *
   * @param seq increases with every failed change of this route
   * @param outcome the outcome and the cloud's code, as journaled
   */
  public record FailedChange(long seq, TrafficSplit from, TrafficSplit desired, String outcome) {}

  /** The latest change that failed, for notifications. */
  public Optional<FailedChange> lastFailure() {
    return changes.lastFailure();
  }

  /** The latest change that moved this route's routing, for verification. */
  public Optional<AppliedChange> lastChange() {
    return changes.lastChange();
  }

  /** The latest decisions, oldest first. */
  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /** Where the route's SCF pre-warm stands; empty when the route has none. */
  public Optional<PrewarmStatus> prewarm() {
    return prewarm.map(PrewarmGate::status);
  }

  /** Tells {@code listener} of every change carried out or tried, on the reconciler's context. */
  public void onChange(Consumer<RouteChange> listener) {
    Objects.requireNonNull(listener, "listener");
    changes.auditTo(
        change -> {
          listener.accept(change);
          return Future.succeededFuture();
        });
  }

  /**
   * Audits every change carried out or tried to {@code sink}, on the reconciler's context; a
   * change's outcome is journaled once its entry is written.
   */
  public void auditTo(Function<RouteChange, Future<Void>> sink) {
    changes.auditTo(sink);
  }

  /** The latest decision, empty before the first. */
  public Optional<Decision> lastDecision() {
    return Optional.ofNullable(decisions.peekLast());
  }

  /** What the reconciler is doing, for tests. */
  ReconcileStage stage() {
    return stage;
  }

  /**
   * Whether the route stands down because another replica leads: it has no policy state then, and
   * is ready as what it is.
   */
  public boolean following() {
    return stage == ReconcileStage.FOLLOWING;
  }

  /** Whether a read or a change is in flight. */
  public boolean busy() {
    return stage.busy();
  }

  /**
   * A sentence for {@code /readyz} when the route needs a person: its reads or changes have failed
   * {@link Backoff#ESCALATE_AFTER} times in a row, or one has been in flight for longer than {@link
   * #STUCK_AFTER}; empty otherwise.
   */
  public Optional<String> escalation() {
    long inStage = nanos.getAsLong() - stageSince;
    if (stage.busy() && inStage > STUCK_AFTER.toNanos()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%s/%s: %s for %d s: a cloud call or the disk under the state directory has not"
                  + " answered",
              service,
              route,
              stage,
              Duration.ofNanos(inStage).toSeconds()));
    }
    if (!backoff.escalated()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s/%s: %d attempts in a row failed; the last: %s",
            service,
            route,
            backoff.failures(),
            lastFailureText));
  }

  /** Decides on {@code health} and starts a read or a change when one is due. */
  public void tick(HealthSnapshot health, Overrides overrides) {
    long now = nanos.getAsLong();
    this.health = health;
    if (!mayAct()) {
      // a read or a change in flight ends within the lease (its calls are capped by it), and
      // then the route stands down; nothing new is read or decided meanwhile
      standDownIfIdle();
      return;
    }
    if (startedIn != NOT_STARTED && startedIn != acting.leadership().epoch()) {
      // leading again, in a newer epoch than this state was started in: start afresh
      if (stage.busy()) {
        return;
      }
      standDown(now);
    }
    if (stage == ReconcileStage.FOLLOWING) {
      moveTo(ReconcileStage.UNSTARTED);
    }
    if (stage == ReconcileStage.UNSTARTED) {
      if (backoff.due(now, true) && !acting.leadership().actFor(now).isZero()) {
        coldStart(now);
      }
      return;
    }
    if (stage == ReconcileStage.COLD_READING) {
      return;
    }
    // the policy hears every verdict, also while a read or a change is in flight: a DOWN that
    // begins and ends inside a long change must count toward confirmFor and the failback wait
    Decision decision = decide(health, overrides, now);
    if (stage.busy() || (stage == ReconcileStage.WAITING && !backoff.due(now, urgent()))) {
      return;
    }
    if (acting.leadership().actFor(now).isZero()) {
      return; // no read for writing, no write, without a lease to make it in
    }
    boolean writes = !dryRun && !decision.observeOnly();
    if (view.anyEmpty() && writes) {
      repairEmpty(now);
    } else if (view.anyUnread() || view.stale(now)) {
      read(now);
    } else if (reapplyReason != null) {
      reapplyOnce(writes);
    } else {
      converge(decision, writes, now);
    }
  }

  private Decision decide(HealthSnapshot health, Overrides overrides, long now) {
    meters.override(overrides.activeAt(now), now);
    PolicyOutcome outcome = policy.decide(state, health, overrides, now);
    state = outcome.next();
    carry();
    remember(outcome.decision());
    if (!dryRun && !outcome.decision().observeOnly()) {
      prewarm.ifPresent(p -> p.onDecision(outcome.decision(), now));
    }
    if (resuming != null && !resuming.split().equals(state.split())) {
      // the policy has moved on: what the earlier run meant to do no longer matters
      resuming = null;
    }
    return outcome.decision();
  }

  /**
   * Whether what waits now is urgent: a piece routes to nothing, or the policy wants traffic moved
   * off a backend the verdicts say is DOWN. Judged on every tick, so a failover that comes up while
   * a slow back-off from earlier failures runs is retried within {@link Backoff#URGENT_MAX}.
   */
  private boolean urgent() {
    if (view.anyEmpty()) {
      return true;
    }
    for (Backend backend : Backend.values()) {
      if (health().isDown(backend) && state.split().weight(backend) < 100) {
        return true;
      }
    }
    return false;
  }

  /** Whether every backend {@code split} gives a share is UP in the latest verdicts. */
  private boolean gainingBackendsUp(TrafficSplit split) {
    for (Backend backend : Backend.values()) {
      if (split.weight(backend) > 0 && health().verdict(backend) != Verdict.UP) {
        return false;
      }
    }
    return true;
  }

  private void converge(Decision decision, boolean writes, long now) {
    TrafficSplit desired = state.split();
    if (changes.converged(desired, view)) {
      backoff.succeeded();
      resuming = null;
      toIdle();
      return;
    }
    if (state.phase() == Phase.WARMING && resuming == null) {
      // WARMING holds what the cloud was read to route: rewriting it only to even out its weights
      // could unbind a backend for a task's time before the probes have even reported.
      return;
    }
    if (!writes) {
      reportUnapplied(desired, decision);
      return;
    }
    if (resuming != null && !gainingBackendsUp(resuming.split())) {
      // a change made on an earlier run's verdicts is completed only toward a backend this run
      // has seen UP; meanwhile the pieces stay as they are (an empty one is repaired regardless)
      return;
    }
    String reason =
        resuming != null
            ? "resuming the change to " + resuming.split() + " " + resuming.resume().orElseThrow()
            : decision.reason().toString();
    if (prewarm.isEmpty()) {
      applyGuarded(desired, reason);
      return;
    }
    prewarm
        .get()
        .admit(view.reportedSplit().orElse(null), desired, now)
        .ifPresent(
            split ->
                applyGuarded(
                    split,
                    split.equals(desired)
                        ? reason
                        : reason + "; " + prewarm.get().stepReason(split, desired)));
  }

  /**
   * Re-reads the cloud on the next tick and then re-applies the last applied split once, for a
   * change the cloud reported applied but the requests did not follow. The plan is absolute, so the
   * actuators write only what the fresh read shows missing: when the cloud reads right, the retry
   * writes nothing, and its journaled intent and the new verification window are what it adds.
   */
  public void reapply(String why) {
    reapplyReason = Objects.requireNonNull(why, "why");
    view.expire(nanos.getAsLong());
  }

  private void reapplyOnce(boolean writes) {
    String why = reapplyReason;
    reapplyReason = null;
    Optional<TrafficSplit> split = changes.appliedSplit();
    if (split.isEmpty() || !writes) {
      return;
    }
    Map<Actuator, TrafficSplit> all = new LinkedHashMap<>();
    actuators.forEach(a -> all.put(a, split.get()));
    apply(
        split.get(),
        new PieceGuard.Moves(all, List.of()),
        "re-applying " + split.get() + ": " + why);
  }

  // ---- cold start ------------------------------------------------------------------------

  private void coldStart(long now) {
    startedIn = acting.leadership().epoch();
    moveTo(ReconcileStage.COLD_READING);
    Future<Optional<Fenced>> intent = acting.fenced().get(CarriedRecords.intentKey(service, route));
    Future<Optional<Fenced>> carried =
        acting.fenced().get(CarriedRecords.policyKey(service, route));
    Future.all(intent, carried)
        .onComplete(
            got -> {
              if (got.failed()) {
                // without them, a takeover could restart a failback wait or repeat a plan
                moveTo(ReconcileStage.UNSTARTED);
                failed(
                    now,
                    true,
                    "cannot read the route's fenced intent and policy state: "
                        + got.cause().getMessage());
                return;
              }
              readEach()
                  .compose(
                      v ->
                          prewarm
                              .map(PrewarmGate::inspectLeftOver)
                              .orElse(Future.succeededFuture(false)))
                  .onComplete(
                      done ->
                          started(
                              now,
                              done.succeeded() && done.result(),
                              intent.result(),
                              carried.result()));
            });
  }

  /**
   * The cold start's read is in: where the policy starts. The local journal decides as before; a
   * fenced intent an earlier leader left is completed when the cloud shows it half done (toward
   * backends this run sees UP only); and a policy state an earlier leader committed is where the
   * policy goes on from, its timers mapped onto this replica's clock.
   */
  private void started(
      long now, boolean prewarmLeftOver, Optional<Fenced> intent, Optional<Fenced> carried) {
    view.readAt(now);
    Optional<JournalEntry> unfinished = journal.unfinishedIntent(route);
    // the interrupted intent is closed before any new one: the journal reads in order
    Future<Void> closed =
        unfinished
            .map(
                entry ->
                    changes.closeInterrupted(
                        Restart.interrupted(service, route, entry, journal, view)))
            .orElse(Future.succeededFuture());
    Optional<Restart.Start> start = Restart.from(unfinished, journal, route, view);
    if (start.isEmpty() || start.get().resume().isEmpty()) {
      Optional<Restart.Start> fenced =
          intent.flatMap(this::intentOf).flatMap(i -> Restart.fromFenced(i, view));
      if (fenced.isPresent()) {
        start = fenced;
      }
    }
    Optional<PolicyState.Snapshot> snapshot = carried.flatMap(this::snapshotOf);
    if (start.isEmpty() && snapshot.isPresent()) {
      start = Optional.of(new Restart.Start(snapshot.get().split(), Optional.empty()));
    }
    if (start.isEmpty()) {
      moveTo(ReconcileStage.UNSTARTED);
      failed(now, true, "cannot read the cloud's routing at start: " + view.describe());
      return;
    }
    Restart.Start from = start.get();
    start(from, prewarmLeftOver);
    snapshot.ifPresent(s -> goOnFrom(s, carried.get(), from));
    closed.onComplete(
        done -> {
          moveTo(ReconcileStage.IDLE);
          if (acting.leadership().role() == Role.LEADING) {
            // a takeover decides on the read at once, not at the next tick: the verdicts that
            // call for a change may have been DOWN all along, and no verdict change would wake it
            takenOver.run();
          }
        });
  }

  /**
   * Calls {@code listener} on the reconciler's context when the route has started after this
   * replica took the group's leadership (its cold start's read is in), so that the route decides at
   * once; not for a daemon alone, whose start is as before.
   */
  public void onTakenOver(Runnable listener) {
    takenOver = Objects.requireNonNull(listener, "listener");
  }

  private void start(Restart.Start start, boolean prewarmLeftOver) {
    state = policy.initialState(start.split());
    if (prewarmLeftOver) {
      state = state.withPrewarmFound();
    }
    resuming = start.resume().isPresent() ? start : null;
    start.resume().ifPresent(why -> LOG.warn("{}/{}: resuming a change {}", service, route, why));
    meters.phase(state.phase());
    meters.desired(start.split());
    LOG.info(
        "{}/{}: starting at {} (the cloud routes {}), holding until the probes report",
        service,
        route,
        start.split(),
        view.describe());
  }

  private Optional<CarriedRecords.Intent> intentOf(Fenced record) {
    try {
      return Optional.of(CarriedRecords.intent(record.data()));
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "{}/{}: ignoring an unreadable fenced intent of epoch {}: {}",
          service,
          route,
          record.epoch(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<PolicyState.Snapshot> snapshotOf(Fenced record) {
    try {
      return Optional.of(CarriedRecords.policy(record.data()));
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "{}/{}: ignoring an unreadable policy state of epoch {}: {}",
          service,
          route,
          record.epoch(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The policy goes on from the state an earlier leader committed (a failback wait keeps the time
   * it had waited, a freeze stays frozen). Its split is held to the same rule as a half-done
   * change: when the cloud does not route it, it is completed only toward backends seen UP.
   */
  private void goOnFrom(PolicyState.Snapshot snapshot, Fenced record, Restart.Start start) {
    PolicyState restored = PolicyState.restore(snapshot, acting.time()::localNanos);
    state =
        state.prewarm().held() && !restored.prewarm().held()
            ? restored.withPrewarmFound()
            : restored;
    TrafficSplit target = state.split();
    resuming =
        view.allAt(target)
            ? null
            : new Restart.Start(
                target,
                Optional.of(
                    start.resume().map(why -> why + "; ").orElse("")
                        + "that the policy state the leader of epoch "
                        + record.epoch()
                        + " ("
                        + record.replica()
                        + ") committed wants; the cloud now routes "
                        + view.describe()));
    meters.phase(state.phase());
    meters.desired(target);
    LOG.info(
        "{}/{}: going on from the policy state of epoch {} ({}): {} at {}",
        service,
        route,
        record.epoch(),
        record.replica(),
        state.phase(),
        target);
  }

  // ---- reading ---------------------------------------------------------------------------

  private void read(long now) {
    moveTo(ReconcileStage.READING);
    leaseEnded = false;
    readEach()
        .onComplete(
            done -> {
              view.readAt(now);
              if (view.anyUnread() && leaseEnded) {
                moveTo(ReconcileStage.WAITING);
                LOG.info("{}/{}: a read ended with this replica's lease", service, route);
              } else if (view.anyUnread()) {
                moveTo(ReconcileStage.WAITING);
                failed(now, true, "cannot read the cloud's routing: " + view.describe());
              } else {
                rebaseOnAWholeCloud();
                toIdle();
              }
            });
  }

  /**
   * A start that meant to complete a change (the cloud could not be read, or read half done) but
   * now reads whole and consistent: the cloud decides, as at a clean start. While still warming,
   * the policy starts again from what the cloud routes, rather than from an intent made on verdicts
   * of an earlier run.
   */
  private void rebaseOnAWholeCloud() {
    if (resuming == null || !view.consistent()) {
      return;
    }
    TrafficSplit read = view.firstKnownSplit().orElseThrow();
    LOG.info(
        "{}/{}: the cloud now reads whole at {}; not resuming the change to {}",
        service,
        route,
        read,
        resuming.split());
    resuming = null;
    if (state.phase() == Phase.WARMING) {
      start(new Restart.Start(read, Optional.empty()), state.prewarm().held());
    }
  }

  /** Reads every actuator, one after another; never fails (an unreadable one is left Unread). */
  private Future<Void> readEach() {
    Future<Void> chain = Future.succeededFuture();
    for (Actuator actuator : actuators) {
      chain =
          chain.compose(
              v ->
                  actuator
                      .read()
                      .map(
                          routing -> {
                            view.put(actuator, new Known(routing));
                            return (Void) null;
                          })
                      .otherwise(
                          failure -> {
                            view.put(actuator, pieceOf(failure));
                            if (CapSpent.in(failure)) {
                              leaseEnded = true; // not the cloud's fault: this replica's lease
                            } else if (!ActuationException.routesNothing(failure)) {
                              faults.note(failure);
                              LOG.warn(
                                  "{}/{}: {} read failed: {}",
                                  service,
                                  route,
                                  actuator.kind(),
                                  failure.getMessage());
                            }
                            return null;
                          }));
    }
    return chain.onComplete(done -> meters.actual(view.reportedSplit().orElse(null)));
  }

  private static Piece pieceOf(Throwable failure) {
    return ActuationException.routesNothing(failure)
        ? new Empty(failure.getMessage())
        : new Unread(String.valueOf(failure.getMessage()));
  }

  // ---- changing --------------------------------------------------------------------------

  /** Gives every piece that routes to nothing a target, before anything else. */
  private void repairEmpty(long now) {
    TrafficSplit desired = state.split();
    PieceGuard.Moves repairs = PieceGuard.repairs(desired, view, health());
    apply(
        desired,
        repairs,
        "repairing first: "
            + view.describe()
            + "; giving "
            + repairs.moves().keySet().stream().map(Actuator::kind).toList()
            + " a target");
  }

  /**
   * Moves each piece to the desired split as far as {@link PieceGuard} allows; when the guard
   * leaves every piece where it is, nothing is written and the hold is logged once.
   */
  private void applyGuarded(TrafficSplit desired, String reason) {
    PieceGuard.Moves moves = PieceGuard.toward(desired, view, health());
    String held = moves.held().isEmpty() ? "" : "holding " + String.join(", ", moves.held());
    if (moves.none()) {
      if (!(desired + held).equals(lastHeld)) {
        lastHeld = desired + held;
        LOG.warn(
            "{}/{}: not moving to {}: {} (verdicts cvm={}, scf={})",
            service,
            route,
            desired,
            held,
            health().verdict(Backend.CVM),
            health().verdict(Backend.SCF));
      }
      return;
    }
    lastHeld = null;
    apply(desired, moves, held.isEmpty() ? reason : reason + "; " + held);
  }

  private void apply(TrafficSplit desired, PieceGuard.Moves moves, String reason) {
    boolean urgent = moves.urgent(view, health());
    moveTo(ReconcileStage.APPLYING);
    changes
        .run(desired, moves.moves(), reason, view)
        .onComplete(
            done -> {
              if (done.succeeded()) {
                moveTo(ReconcileStage.IDLE);
                backoff.succeeded();
                lastFailureText = null;
                meters.failures(0);
              } else if (notActing(done.cause())) {
                moveTo(ReconcileStage.WAITING);
              } else {
                moveTo(ReconcileStage.WAITING);
                faults.note(done.cause());
                failed(
                    nanos.getAsLong(),
                    urgent,
                    "the change to "
                        + desired
                        + " did not complete: "
                        + faults.describe(done.cause()));
              }
            });
  }

  // ---- leadership ------------------------------------------------------------------------

  /** Whether this replica may act for the route: it leads (or is alone), and was not deposed. */
  private boolean mayAct() {
    Role role = acting.leadership().role();
    return role.acts() && !(role == Role.LEADING && acting.leadership().epoch() == deposedIn);
  }

  /**
   * Whether a change ended because this replica may no longer act, not because the cloud failed:
   * its fenced intent was refused (deposed: logged, counted and the route stands down), or a call
   * was refused or ended by the lease. Neither counts as a cloud fault or toward escalation.
   */
  private boolean notActing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FencedOut out) {
        meters.fencedOut();
        if (leaseLapsedIn(out.epoch())) {
          LOG.warn(
              "{}/{}: the change ended with this replica's lease: {}; it goes on once the lease"
                  + " is renewed",
              service,
              route,
              out.getMessage());
          return true;
        }
        deposedIn = out.epoch();
        LOG.warn(
            "{}/{}: deposed: {}; the change ends here, nothing more is written, and the route"
                + " stands down",
            service,
            route,
            out.getMessage());
        return true;
      }
    }
    if (CapSpent.in(failure)) {
      LOG.warn(
          "{}/{}: the change ended with this replica's lease: {}",
          service,
          route,
          failure.getMessage());
      return true;
    }
    return false;
  }

  /**
   * Whether a put refused in {@code epoch} was refused for this replica's lease alone: it still
   * leads in that epoch, with no lease left now (its heartbeats were late: a stalled event loop, a
   * slow ensemble). That is not a deposition: no other replica can lead until this one's session
   * expires, and if the next heartbeat is answered it goes on leading in the same epoch and must
   * act again (while the lease is out, no read for writing and no write starts). Were it deposed
   * instead, it would lead on and never act, and no other replica could take over.
   */
  private boolean leaseLapsedIn(long epoch) {
    Leadership leadership = acting.leadership();
    return leadership.role() == Role.LEADING
        && leadership.epoch() == epoch
        && leadership.actFor(nanos.getAsLong()).isZero();
  }

  private void standDownIfIdle() {
    if (!mayAct() && !stage.busy() && stage != ReconcileStage.FOLLOWING) {
      standDown(nanos.getAsLong());
    }
  }

  /**
   * Stops acting for the route: the policy state is dropped (the leader's committed one is where
   * the next start begins), and so is what was read of the cloud.
   */
  private void standDown(long now) {
    if (stage != ReconcileStage.FOLLOWING) {
      LOG.info(
          "{}/{}: standing down ({} in epoch {})",
          service,
          route,
          acting.leadership().role(),
          acting.leadership().epoch());
      moveTo(ReconcileStage.FOLLOWING);
    }
    state = null;
    resuming = null;
    reapplyReason = null;
    lastCarried = null;
    lastFailureText = null;
    startedIn = NOT_STARTED;
    view.forgetAll("this replica does not act");
    backoff.reset(now);
    meters.failures(0);
  }

  /**
   * Puts the policy state for the next leader when its phase, split or timers changed: fenced on
   * the epoch it was started in, never waited for (a failed put is tried again after the next
   * decision).
   */
  private void carry() {
    if (acting.leadership().role() != Role.LEADING || dryRun) {
      return;
    }
    Carried now = Carried.of(state);
    if (now.equals(lastCarried)) {
      return;
    }
    lastCarried = now;
    acting
        .fenced()
        .put(
            CarriedRecords.policyKey(service, route),
            startedIn,
            CarriedRecords.policy(state.snapshot(acting.time()::groupMillis)))
        .onFailure(
            e -> {
              if (now.equals(lastCarried)) {
                lastCarried = null;
              }
              if (e instanceof FencedOut out && leaseLapsedIn(out.epoch())) {
                meters.fencedOut();
                LOG.warn(
                    "{}/{}: the policy state was not put, for now: {}",
                    service,
                    route,
                    e.getMessage());
              } else if (e instanceof FencedOut out) {
                deposedIn = out.epoch();
                meters.fencedOut();
                LOG.warn(
                    "{}/{}: deposed: the policy state was not put: {}",
                    service,
                    route,
                    e.getMessage());
                standDownIfIdle();
              } else {
                LOG.warn("{}/{}: the policy state was not put: {}", service, route, e.getMessage());
              }
            });
  }

  /** What of a policy state is carried: all but the warm-up's round count. */
  private record Carried(
      Phase phase,
      TrafficSplit split,
      PolicyState.ChangeHistory history,
      PolicyState.HomeWatch home,
      PolicyState.SpillLevel spill,
      PolicyState.PrewarmHold prewarm) {
    static Carried of(PolicyState state) {
      return new Carried(
          state.phase(),
          state.split(),
          state.history(),
          state.home(),
          state.spill(),
          state.prewarm());
    }
  }

  // ---- state -----------------------------------------------------------------------------

  private void failed(long now, boolean urgent, String why) {
    Duration pause = backoff.failed(now, urgent);
    lastFailureText = why;
    meters.failures(backoff.failures());
    if (backoff.failures() == Backoff.ESCALATE_AFTER) {
      LOG.error(
          "{}/{}: {} attempts in a row failed; a person should look: {}",
          service,
          route,
          backoff.failures(),
          why);
    } else {
      LOG.warn(
          "{}/{}: {}; attempt {} failed, next in {} s",
          service,
          route,
          why,
          backoff.failures(),
          pause.toSeconds());
    }
  }

  private void toIdle() {
    if (stage != ReconcileStage.IDLE) {
      moveTo(ReconcileStage.IDLE);
    }
    meters.failures(backoff.failures());
  }

  private void moveTo(ReconcileStage next) {
    if (next != stage) {
      stageSince = nanos.getAsLong();
    }
    stage = stage.moveTo(next);
    meters.stage(stage);
  }

  private HealthSnapshot health() {
    return health != null
        ? health
        : HealthSnapshot.of(Verdict.UNKNOWN, Verdict.UNKNOWN, 0, Instant.EPOCH);
  }

  private void remember(Decision decision) {
    meters.decision(decision);
    meters.desired(state.split());
    meters.phase(state.phase());
    if (decisions.size() == DECISIONS_KEPT) {
      decisions.removeFirst();
    }
    decisions.addLast(decision);
    if (decision instanceof Decision.Shift || decision instanceof Decision.Freeze) {
      LOG.info(
          "{}/{}: {} {} -> {}: {}",
          service,
          route,
          decision.phase(),
          view.reportedSplit().orElse(null),
          decision.split(),
          decision.reason());
    }
  }

  private void reportUnapplied(TrafficSplit desired, Decision decision) {
    if (desired.equals(reportedUnapplied)) {
      return;
    }
    reportedUnapplied = desired;
    LOG.info(
        "{}/{}: {} would move {} -> {} ({}), through {}",
        service,
        route,
        dryRun ? "dry run" : "observe only",
        view.reportedSplit().orElse(null),
        desired,
        decision.reason(),
        actuators.stream().map(Actuator::kind).toList());
  }

  /** The phase for the status API and metrics; WARMING until started. */
  public Phase phase() {
    return state == null ? Phase.WARMING : state.phase();
  }
}
