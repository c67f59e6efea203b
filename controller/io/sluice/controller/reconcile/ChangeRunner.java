package io.sluice.controller.reconcile;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.ha.FencedOut;
import io.sluice.controller.ha.Role;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.reconcile.CloudView.Known;
import io.sluice.controller.reconcile.RouteReconciler.AppliedChange;
import io.sluice.controller.reconcile.RouteReconciler.FailedChange;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one change of a route and records it everywhere it must be: the intent journaled
 * (durable before any write), each piece's actuator run in the config's order, each write journaled
 * before it is made and answered after, the outcome journaled, the meters, the log line and the
 * audit entry ({@link RouteChange}). Every consequence happens whichever of the others fails: a
 * journal that cannot take an outcome must not cost the audit entry or the meters.
 */
final class ChangeRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeRunner.class);

  private final String service;
  private final String route;
  private final List<Actuator> actuators;
  private final IntentJournal journal;
  private final RouteMeters meters;
  private final LongSupplier nanos;
  private final Acting acting;
  private Function<RouteChange, Future<Void>> audit = change -> Future.succeededFuture();
  private TrafficSplit appliedSplit;
  private AppliedChange lastChange;
  private FailedChange lastFailure;

  ChangeRunner(
      String service,
      String route,
      List<Actuator> actuators,
      IntentJournal journal,
      RouteMeters meters,
      LongSupplier nanos,
      Acting acting) {
    this.service = service;
    this.acting = acting;
    this.route = route;
    this.actuators = actuators;
    this.journal = journal;
    this.meters = meters;
    this.nanos = nanos;
  }

  /**
   * Where each change is audited; the journal closes a change (its outcome) only once its audit
   * entry is on disk, so a change whose entry was lost stays unfinished for the next start to
   * audit.
   */
  void auditTo(Function<RouteChange, Future<Void>> sink) {
    this.audit = Objects.requireNonNull(sink, "sink");
  }

  Optional<AppliedChange> lastChange() {
    return Optional.ofNullable(lastChange);
  }

  Optional<FailedChange> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** The split the last successful change asked for; empty before one. */
  Optional<TrafficSplit> appliedSplit() {
    return Optional.ofNullable(appliedSplit);
  }

  /**
   * Whether the route is where {@code desired} puts it: every piece holds it ({@link
   * io.sluice.controller.actuate.Actuator#holds}: a rule that holds only whole splits holds a 50/50
   * step as the whole split it writes for it).
   */
  boolean converged(TrafficSplit desired, CloudView view) {
    return view.allAt(desired);
  }

  /**
   * Moves each piece in {@code moves} to its split (pieces that already read it are left alone).
   * Completes when the change has ended and been recorded; fails, with what failed, when it did not
   * complete. {@code view} is updated with what each actuator read back, and forgotten after a
   * failure (the outcome may be unknown).
   */
  Future<Void> run(
      TrafficSplit desired, Map<Actuator, TrafficSplit> moves, String reason, CloudView view) {
    long started = nanos.getAsLong();
    TrafficSplit before = view.reportedSplit().orElse(null);
    LOG.info("{}/{}: moving to {}: {}", service, route, desired, reason);
    List<String> requestIds = new ArrayList<>();
    List<RouteChange.Step> steps = new ArrayList<>();
    // the epoch the change is decided in: a write's intent is fenced on it, so that once a newer
    // leader began, no later write of this change is made
    long epoch = acting.leadership().epoch();
    Future<Void> chain =
        journal
            .intent(route, desired.toString(), reason)
            .recover(e -> Future.failedFuture(ActuationException.notJournaled(e, List.of())));
    for (Actuator actuator : actuators) {
      TrafficSplit target = moves.get(actuator);
      // An actuator reads before it writes, so a piece that is unread or routes to nothing is
      // no reason not to apply: the write is what fixes it. One that reads right is left alone.
      if (target != null && !view.at(actuator, target)) {
        chain =
            chain.compose(v -> applyOne(actuator, target, view, requestIds, steps, epoch, desired));
      }
    }
    return chain.transform(
        done -> {
          Duration took = Duration.ofNanos(nanos.getAsLong() - started);
          Change change = new Change(desired, before, reason, steps, took, epoch);
          if (done.succeeded()) {
            applied(change, view, requestIds);
            return Future.succeededFuture();
          }
          failed(change, view, done.cause());
          return Future.failedFuture(done.cause());
        });
  }

  /** A change as it ended, for the records. */
  private record Change(
      TrafficSplit desired,
      TrafficSplit before,
      String reason,
      List<RouteChange.Step> steps,
      Duration took,
      long epoch) {}

  private void applied(Change change, CloudView view, List<String> requestIds) {
    appliedSplit = change.desired();
    TrafficSplit after = view.reportedSplit().orElse(null);
    if (change.before() != null && after != null && !change.before().equals(after)) {
      lastChange =
          new AppliedChange(lastChange == null ? 1 : lastChange.seq() + 1, change.before(), after);
    }
    meters.change("applied", change.took());
    meters.actual(after);
    // What was read back, not what was asked: an actuator holding only whole splits (clb-rule
    // without mixed targets) leaves a 50/50 step where it was.
    LOG.info(
        "{}/{}: now at {}{} after {} ms, requests {}",
        service,
        route,
        after,
        change.desired().equals(after) ? "" : " (asked for " + change.desired() + ")",
        change.took().toMillis(),
        requestIds);
    closeAfterAudit(
        new RouteChange(
            service,
            route,
            change.before(),
            change.desired(),
            after,
            change.reason(),
            "APPLIED",
            change.steps(),
            change.epoch()),
        "APPLIED",
        String.valueOf(after));
  }

  private void failed(Change change, CloudView view, Throwable cause) {
    String outcome =
        cause instanceof ActuationException failed
            ? failed.outcome() + ": " + failed.code() + " " + failed.getMessage()
            : "UNKNOWN: " + cause;
    lastFailure =
        new FailedChange(
            lastFailure == null ? 1 : lastFailure.seq() + 1,
            change.before(),
            change.desired(),
            outcome);
    view.forgetAll("after a change that did not complete");
    meters.change(
        cause instanceof ActuationException failed
            ? failed.outcome().name().toLowerCase(Locale.ROOT)
            : "unknown",
        change.took());
    closeAfterAudit(
        new RouteChange(
            service,
            route,
            change.before(),
            change.desired(),
            null,
            change.reason(),
            outcome,
            change.steps(),
            change.epoch()),
        outcome,
        "unknown; re-reading");
  }

  private Future<Void> applyOne(
      Actuator actuator,
      TrafficSplit target,
      CloudView view,
      List<String> requestIds,
      List<RouteChange.Step> steps,
      long epoch,
      TrafficSplit desired) {
    Routing known = view.piece(actuator) instanceof Known k ? k.routing() : null;
    return actuator
        .apply(
            target, known, journaledThen((step, in) -> steps.add(step), () -> epoch, () -> desired))
        .map(
            (Applied applied) -> {
              view.put(actuator, new Known(applied.after()));
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

  /**
   * The log of the route's SCF pre-warm writes (PutProvisionedConcurrencyConfig and its release):
   * journaled like a change's writes, and each audited on its own once answered, so that every
   * write Sluice sends is in the audit trail.
   *
   * @param split what the route routes now, for the audit entry
   */
  StepLog prewarmLog(Supplier<TrafficSplit> split) {
    return journaledThen(
        (step, epoch) -> {
          TrafficSplit now = split.get();
          report(
              new RouteChange(
                  service,
                  route,
                  now,
                  now,
                  now,
                  "SCF pre-warm: " + step.action() + " " + step.target(),
                  step.outcome(),
                  List.of(step),
                  epoch));
        },
        () -> acting.leadership().epoch(),
        split);
  }

  /**
   * Journals each write before and after, then hands its answer to {@code answered}, with the epoch
   * read as the write began. Before each write, once journaled, its intent is put as the route's
   * fenced intent in that epoch (with the split {@code desired}): the write is made only once both
   * have succeeded, so a replica that was deposed makes none ({@link FencedOut}), and a new leader
   * finds what was being done. A log's writes are made one after another, never two at once.
   */
  private StepLog journaledThen(
      BiConsumer<RouteChange.Step, Long> answered,
      LongSupplier epoch,
      Supplier<TrafficSplit> desired) {
    return new StepLog() {
      private long startedIn;

      @Override
      public Future<Void> before(String action, String target, String value) {
        long in = epoch.getAsLong();
        startedIn = in;
        Future<Void> journaled = journal.step(route, action, target, value);
        if (acting.leadership().role() == Role.SOLO) {
          return journaled; // a group of one fences nothing: its journal and state lock do
        }
        return journaled.compose(
            v -> {
              CarriedRecords.Intent intent =
                  new CarriedRecords.Intent(
                      action, target, value, Optional.ofNullable(desired.get()), in);
              return acting
                  .fenced()
                  .put(CarriedRecords.intentKey(service, route), in, CarriedRecords.intent(intent));
            });
      }

      @Override
      public void after(String action, String target, String requestId, String outcome) {
        journalSafely(
            journal.stepDone(route, action, target, requestId, outcome), "a write's outcome");
        answered.accept(new RouteChange.Step(action, target, requestId, outcome), startedIn);
      }
    };
  }

  /**
   * Closes a change an earlier run left unfinished: audits its journaled writes and journals the
   * outcome INTERRUPTED, so that no later start reports it again.
   */
  Future<Void> closeInterrupted(RouteChange interrupted) {
    LOG.warn(
        "{}/{}: the previous run stopped in the middle of a change to {} ({}); its {} journaled"
            + " writes are audited, and the cloud's answer decides what comes next",
        service,
        route,
        interrupted.desired(),
        interrupted.reason(),
        interrupted.steps().size());
    return closeAfterAudit(interrupted, Restart.INTERRUPTED, String.valueOf(interrupted.after()));
  }

  /**
   * Audits {@code change}, then journals its outcome: an outcome on disk before the audit entry
   * would let a kill between the two lose the entry for good, while an intent left without an
   * outcome is audited by the next start.
   *
   * @return completes (never fails) once the outcome is journaled, or once either step failed
   */
  private Future<Void> closeAfterAudit(RouteChange change, String outcome, String after) {
    return report(change)
        .compose(
            audited -> {
              Future<Void> append = journal.outcome(route, outcome, after);
              journalSafely(append, "the outcome " + outcome);
              return append.otherwiseEmpty();
            })
        .onFailure(
            e ->
                LOG.error(
                    "{}/{}: the change's audit entry was not written ({}); its intent stays open"
                        + " in the journal, and the next start audits its writes",
                    service,
                    route,
                    e.getMessage()))
        .otherwiseEmpty();
  }

  /** A journal append that, when it fails, is logged and counted; nothing else depends on it. */
  private void journalSafely(Future<Void> append, String what) {
    append.onFailure(
        e -> {
          meters.journalFailure();
          LOG.error(
              "{}/{}: cannot journal {}: {}; the change itself is audited and goes on",
              service,
              route,
              what,
              e.getMessage());
        });
  }

  private Future<Void> report(RouteChange change) {
    try {
      return audit.apply(change);
    } catch (RuntimeException e) {
      LOG.error("{}/{}: reporting a change failed: {}", service, route, change, e);
      return Future.failedFuture(e);
    }
  }
}
