package io.sluice.controller.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.journal.JournalEntry;
import io.sluice.policies.ColdRamp;
import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.Phase;
import io.sluice.policies.Policy;
import io.sluice.policies.PolicyOutcome;
import io.sluice.policies.PolicyState;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one route's cloud routing where its policy wants it, level-triggered: on every tick the
 * policy decides the desired split from the latest verdicts, and whenever the split last read from
 * the cloud differs (or its pieces disagree), the actuators are run, in order, with absolute
 * values. A failed or unknown change is journaled, backs off, and is followed by a fresh read
 * before anything else; the cloud is also re-read every {@link #REREAD_EVERY} to notice drift.
 *
 * <p>Cold start (reliability fault 7): the first thing is a read of the actual routing, which the
 * policy starts from and holds (WARMING) until the probes have reported. A journal intent without
 * an outcome means the previous run stopped mid-plan; it is reported, and the cloud's answer, not
 * the plan, decides. Only when the cloud cannot be read at all does the last journaled intent
 * become the starting point, so that a half-done switch that left nothing routed is completed.
 *
 * <p>SCF pre-warm: a decision's pre-warm side actions go to a {@link PrewarmGate}, which holds back
 * a change that raises SCF's share until the function is warm or {@code prewarm.waitFor} runs out;
 * after that, the change goes ahead cold, in the steps of the route's {@link ColdRamp}, rather than
 * not at all. A pre-warm an earlier run left in place is found at the cold start and released like
 * one this run asked for.
 *
 * <p>Threading: every method runs on the daemon's context (the health monitor's), one tick at a
 * time; while a read or a change is in flight, ticks for this route only decide nothing new.
 */
public final class RouteReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(RouteReconciler.class);
  static final Duration REREAD_EVERY = Duration.ofSeconds(30);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  static final int DECISIONS_KEPT = 100;

  private final String service;
  private final String route;
  private final Policy policy;
  private final List<Actuator> actuators;
  private final IntentJournal journal;
  private final boolean dryRun;
  private final LongSupplier nanos;
  private final RouteMeters meters;
  private final Map<Actuator, Routing> actual = new LinkedHashMap<>();
  private final Deque<Decision> decisions = new ArrayDeque<>();
  private final Optional<PrewarmGate> prewarm;
  private PolicyState state;
  private boolean busy;
  private long nextAttemptNanos;
  private long lastReadNanos;
  private int failures;
  private TrafficSplit reportedDryRun;
  private TrafficSplit appliedFor;
  private AppliedChange lastChange;
  private FailedChange lastFailure;
  // what each actuator read back after applying appliedFor: as close as the cloud gets to it
  private final Map<Actuator, Routing> appliedReadBack = new LinkedHashMap<>();
  private boolean startedFromIntent;
  // the last read left a piece unknown; the next attempt applies instead of only reading
  private boolean unreadable;
  // the cold start found provisioned concurrency an earlier run left on the function
  private boolean prewarmLeftOver;
  // why the applied plan is to be re-applied after a fresh read (a change that did not move)
  private String reapplyReason;
  private Consumer<RouteChange> changes = change -> {};

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
    this.nextAttemptNanos = nanos.getAsLong();
    this.meters = new RouteMeters(registry, service, this.route);
    this.actuators.forEach(a -> actual.put(a, null));
    this.prewarm =
        prewarm.map(
            p ->
                new PrewarmGate(
                    service + "/" + this.route,
                    p,
                    ColdRamp.of(route.settings()),
                    journaled(),
                    meters));
  }

  public String route() {
    return route;
  }

  public String service() {
    return service;
  }

  /** The policy's state, empty until the first read of the cloud. */
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

  public Optional<PolicyState> state() {
    return Optional.ofNullable(state);
  }

  /** What the first actuator last read, empty while unknown. */
  public Optional<Routing> actual() {
    return Optional.ofNullable(actual.get(actuators.getFirst()));
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
    return Optional.ofNullable(lastFailure);
  }

  /** The latest change that moved this route's routing, for verification. */
  public Optional<AppliedChange> lastChange() {
    return Optional.ofNullable(lastChange);
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
    this.changes = Objects.requireNonNull(listener, "listener");
  }

  /** The latest decision, empty before the first. */
  public Optional<Decision> lastDecision() {
    return Optional.ofNullable(decisions.peekLast());
  }

  /** Whether a read or a change is in flight. */
  public boolean busy() {
    return busy;
  }

  /** Decides on {@code health} and starts a read or a change when one is due. */
  public void tick(HealthSnapshot health, Overrides overrides) {
    long now = nanos.getAsLong();
    if (busy) {
      return;
    }
    if (state == null) {
      coldStart(now);
      return;
    }
    meters.override(overrides.activeAt(now), now);
    PolicyOutcome outcome = policy.decide(state, health, overrides, now);
    state = outcome.next();
    remember(outcome.decision());
    if (!dryRun && !outcome.decision().observeOnly()) {
      prewarm.ifPresent(p -> p.onDecision(outcome.decision(), now));
    }
    if (now - lastReadNanos > REREAD_EVERY.toNanos() || actual.containsValue(null)) {
      if (now - nextAttemptNanos < 0) {
        return;
      }
      if (unreadable
          && state.phase() != Phase.WARMING
          && !dryRun
          && !outcome.decision().observeOnly()) {
        // A routing that cannot be read may be one Sluice cannot express, such as a rule left
        // with nothing bound by a switch cut short: reading again would never repair it. The
        // actuators read before they write, so applying the desired split is what fixes it.
        apply(state.split(), "the cloud's routing cannot be read; applying the desired split");
      } else {
        readAll(now);
      }
      return;
    }
    TrafficSplit desired = state.split();
    if (reapplyReason != null) {
      reapplyOnce(now, outcome.decision());
      return;
    }
    if (converged(desired) || (state.phase() == Phase.WARMING && !startedFromIntent)) {
      // WARMING holds what the cloud was read to route: rewriting it only to even out its weights
      // (the half-done plan of a killed run reads as an uneven split) could unbind a backend for
      // a task's time before the probes have even reported. A start from the journaled intent
      // (the cloud was unreadable) is different: that switch is completed.
      return;
    }
    if (outcome.decision().observeOnly() || dryRun) {
      reportUnapplied(desired, outcome.decision());
      return;
    }
    if (now - nextAttemptNanos < 0) {
      return;
    }
    String reason = outcome.decision().reason().toString();
    if (prewarm.isEmpty()) {
      apply(desired, reason);
      return;
    }
    prewarm
        .get()
        .admit(splitRead(), desired, now)
        .ifPresent(
            split ->
                apply(
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
    lastReadNanos = nanos.getAsLong() - REREAD_EVERY.toNanos() - 1;
  }

  private void reapplyOnce(long now, Decision decision) {
    if (now - nextAttemptNanos < 0) {
      return;
    }
    String why = reapplyReason;
    reapplyReason = null;
    if (appliedFor == null || dryRun || decision.observeOnly()) {
      return;
    }
    apply(appliedFor, "re-applying " + appliedFor + ": " + why);
  }

  private void coldStart(long now) {
    if (now - nextAttemptNanos < 0) {
      return;
    }
    busy = true;
    readEach()
        .compose(
            v -> prewarm.map(PrewarmGate::inspectLeftOver).orElse(Future.succeededFuture(false)))
        .onComplete(
            done -> {
              busy = false;
              lastReadNanos = now;
              prewarmLeftOver = done.succeeded() && done.result();
              Optional<JournalEntry> unfinished = journal.unfinishedIntent(route);
              Routing first = actual.get(actuators.getFirst());
              if (first != null) {
                unfinished.ifPresent(
                    intent ->
                        LOG.warn(
                            "{}/{}: the previous run stopped in the middle of a change to {} ({});"
                                + " the cloud now routes {}; converging from what the cloud reports",
                            service,
                            route,
                            intent.field("desired"),
                            intent.field("reason"),
                            first.detail()));
                start(first.split(), "read from the cloud: " + first.detail());
              } else if (journal.lastIntent(route).isPresent()) {
                JournalEntry intent = journal.lastIntent(route).get();
                startedFromIntent = true;
                start(
                    TrafficSplit.parse(intent.field("desired")),
                    "the cloud cannot be read; the last journaled intent was "
                        + intent.field("desired"));
              } else {
                backOff(now, "cannot read the cloud's routing at start");
              }
            });
  }

  private void start(TrafficSplit current, String why) {
    state = policy.initialState(current);
    if (prewarmLeftOver) {
      state = state.withPrewarmFound();
    }
    meters.phase(state.phase());
    meters.desired(current);
    LOG.info(
        "{}/{}: starting at {} ({}), holding until the probes report",
        service,
        route,
        current,
        why);
  }

  private void readAll(long now) {
    busy = true;
    readEach()
        .onComplete(
            done -> {
              busy = false;
              lastReadNanos = now;
              unreadable = actual.containsValue(null);
              if (unreadable) {
                backOff(now, "cannot read the cloud's routing");
              } else {
                failures = 0;
              }
            });
  }

  /** Reads every actuator, one after another; never fails (an unreadable one is left null). */
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
                            actual.put(actuator, routing);
                            return (Void) null;
                          })
                      .otherwise(
                          failure -> {
                            actual.put(actuator, null);
                            LOG.warn(
                                "{}/{}: {} read failed: {}",
                                service,
                                route,
                                actuator.kind(),
                                failure.getMessage());
                            return null;
                          }));
    }
    return chain.onComplete(done -> meters.actual(splitRead()));
  }

  private TrafficSplit splitRead() {
    Routing first = actual.get(actuators.getFirst());
    return first == null ? null : first.split();
  }

  private boolean converged(TrafficSplit desired) {
    if (desired.equals(appliedFor) && actual.equals(appliedReadBack)) {
      // The cloud may express a split only approximately (clb-rule without mixed targets holds
      // whole splits): what every actuator read back after applying this split, and reads
      // unchanged now, is as close as it gets. Any drift in any piece changes a Routing.
      return true;
    }
    for (Routing routing : actual.values()) {
      if (routing == null || !routing.split().equals(desired) || !routing.uniform()) {
        return false;
      }
    }
    return true;
  }

  private void apply(TrafficSplit desired, String reason) {
    long started = nanos.getAsLong();
    try {
      journal.intent(route, desired.toString(), reason);
    } catch (UncheckedIOException e) {
      // No change without its intent on disk; a full or failing disk must not wedge the route.
      backOff(started, "cannot journal the change to " + desired + ": " + e.getMessage());
      return;
    }
    busy = true;
    TrafficSplit before = splitRead();
    LOG.info("{}/{}: moving to {}: {}", service, route, desired, reason);
    Future<Void> chain = Future.succeededFuture();
    List<String> requestIds = new ArrayList<>();
    List<RouteChange.Step> steps = new ArrayList<>();
    for (Actuator actuator : actuators) {
      chain = chain.compose(v -> applyOne(actuator, desired, requestIds, steps));
    }
    chain.onComplete(
        done -> {
          busy = false;
          Duration took = Duration.ofNanos(nanos.getAsLong() - started);
          if (done.succeeded()) {
            failures = 0;
            appliedFor = desired;
            unreadable = false;
            appliedReadBack.clear();
            appliedReadBack.putAll(actual);
            if (before != null && splitRead() != null && !before.equals(splitRead())) {
              lastChange =
                  new AppliedChange(
                      lastChange == null ? 1 : lastChange.seq() + 1, before, splitRead());
            }
            journal.outcome(route, "APPLIED", String.valueOf(splitRead()));
            meters.change("applied", took);
            meters.actual(splitRead());
            // What was read back, not what was asked: an actuator holding only whole splits
            // (clb-rule without mixed targets) leaves a 50/50 step where it was.
            LOG.info(
                "{}/{}: now at {}{} after {} ms, requests {}",
                service,
                route,
                splitRead(),
                desired.equals(splitRead()) ? "" : " (asked for " + desired + ")",
                took.toMillis(),
                requestIds);
            changes.accept(
                new RouteChange(
                    service, route, before, desired, splitRead(), reason, "APPLIED", steps));
          } else {
            String outcome =
                done.cause() instanceof ActuationException failed
                    ? failed.outcome() + ": " + failed.code() + " " + failed.getMessage()
                    : "UNKNOWN: " + done.cause();
            journal.outcome(route, outcome, "unknown; re-reading");
            lastFailure =
                new FailedChange(
                    lastFailure == null ? 1 : lastFailure.seq() + 1, before, desired, outcome);
            meters.change(
                done.cause() instanceof ActuationException failed
                    ? failed.outcome().name().toLowerCase(java.util.Locale.ROOT)
                    : "unknown",
                took);
            actuators.forEach(a -> actual.put(a, null));
            changes.accept(
                new RouteChange(service, route, before, desired, null, reason, outcome, steps));
            backOff(
                nanos.getAsLong(), "the change to " + desired + " did not complete: " + outcome);
          }
        });
  }

  private Future<Void> applyOne(
      Actuator actuator,
      TrafficSplit desired,
      List<String> requestIds,
      List<RouteChange.Step> steps) {
    Routing known = actual.get(actuator);
    if (known != null && known.split().equals(desired) && known.uniform()) {
      return Future.succeededFuture();
    }
    // An actuator reads before it writes, so an unknown or unreadable routing (a rule left with
    // nothing bound) is no reason not to apply: the write is what fixes it.
    return actuator
        .apply(desired, known, recorded(steps))
        .map(
            (Applied applied) -> {
              actual.put(actuator, applied.after());
              requestIds.addAll(applied.requestIds());
              if (applied.unrouted().isPositive()) {
                meters.unrouted(actuator.kind(), applied.unrouted());
              }
              applied
                  .gap()
                  .ifPresent(
                      gap ->
                          LOG.warn(
                              "{}/{}: {} could not keep a backend routed throughout: {}",
                              service,
                              route,
                              actuator.kind(),
                              gap));
              return null;
            });
  }

  /** Journals each write, and keeps its RequestId and outcome for the change's audit entry. */
  private StepLog recorded(List<RouteChange.Step> steps) {
    StepLog journaled = journaled();
    return new StepLog() {
      @Override
      public void before(String action, String target, String value) {
        journaled.before(action, target, value);
      }

      @Override
      public void after(String action, String target, String requestId, String outcome) {
        journaled.after(action, target, requestId, outcome);
        steps.add(new RouteChange.Step(action, target, requestId, outcome));
      }
    };
  }

  private StepLog journaled() {
    return new StepLog() {
      @Override
      public void before(String action, String target, String value) {
        journal.step(route, action, target, value);
      }

      @Override
      public void after(String action, String target, String requestId, String outcome) {
        journal.stepDone(route, action, target, requestId, outcome);
      }
    };
  }

  private void backOff(long now, String why) {
    failures++;
    long delay =
        Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << Math.min(failures - 1, 16));
    nextAttemptNanos = now + delay;
    LOG.warn(
        "{}/{}: {}; attempt {} failed, next in {} s",
        service,
        route,
        why,
        failures,
        Duration.ofNanos(delay).toSeconds());
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
          splitRead(),
          decision.split(),
          decision.reason());
    }
  }

  private void reportUnapplied(TrafficSplit desired, Decision decision) {
    if (desired.equals(reportedDryRun)) {
      return;
    }
    reportedDryRun = desired;
    LOG.info(
        "{}/{}: {} would move {} -> {} ({}), through {}",
        service,
        route,
        dryRun ? "dry run" : "observe only",
        splitRead(),
        desired,
        decision.reason(),
        actuators.stream().map(Actuator::kind).toList());
  }

  /** The phase for the status API and metrics; WARMING until started. */
  public Phase phase() {
    return state == null ? Phase.WARMING : state.phase();
  }
}
