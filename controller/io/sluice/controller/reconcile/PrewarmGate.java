package io.sluice.controller.reconcile;

import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.actuate.scf.PrewarmOutcome;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.reconcile.PrewarmStatus.State;
import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.SideAction;
import io.sluice.policies.TrafficSplit;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a route's pre-warm side actions and holds back any change that raises SCF's share
 * while the pre-warm is under way, so that shifted traffic meets warm instances. The hold is
 * bounded by {@link #BUDGET}: a pre-warm that cannot complete (provisioning stuck, refused, a quota
 * spent) is reported and the shift goes ahead cold, because a primary that is DOWN serves nothing,
 * and cold SCF is still better than that.
 *
 * <p>Runs on the reconciler's context. Each pre-warm is an attempt; an answer for an attempt that
 * was since released or expired is ignored, so a late outcome cannot undo a newer state.
 */
final class PrewarmGate {
  private static final Logger LOG = LoggerFactory.getLogger(PrewarmGate.class);

  /**
   * How long a shift to SCF waits for its pre-warm. SCF's provisioning time is undocumented; a
   * minute bounds what a failover with the primary DOWN can lose to waiting.
   */
  static final Duration BUDGET = Duration.ofSeconds(60);

  private final String name;
  private final PrewarmTarget target;
  private final StepLog log;
  private final RouteMeters meters;
  private State state = State.IDLE;
  private String detail = "not asked for";
  private long deadline;
  private int attempt;
  private boolean holdReported;

  PrewarmGate(String name, PrewarmTarget target, StepLog log, RouteMeters meters) {
    this.name = name;
    this.target = target;
    this.log = log;
    this.meters = meters;
  }

  PrewarmStatus status() {
    return new PrewarmStatus(state, target.function().toString(), detail);
  }

  /** Starts or releases the pre-warm the decision asks for. */
  void onDecision(Decision decision, long now) {
    for (SideAction action : decision.sideActions()) {
      switch (action) {
        case SideAction.PrewarmScf p -> start(now);
        case SideAction.ReleasePrewarm r -> release();
      }
    }
  }

  /**
   * Whether the change from {@code actual} to {@code desired} must wait: it raises SCF's share
   * while the pre-warm is under way and within its budget. Past the budget the pre-warm goes COLD
   * and the change proceeds.
   */
  boolean holds(TrafficSplit actual, TrafficSplit desired, long now) {
    int scfNow = actual == null ? 0 : actual.weight(Backend.SCF);
    if (state != State.WARMING || desired.weight(Backend.SCF) <= scfNow) {
      return false;
    }
    if (now - deadline >= 0) {
      cold("timed_out", "not ready within " + BUDGET.toSeconds() + " s (" + detail + ")");
      return false;
    }
    if (!holdReported) {
      holdReported = true;
      LOG.info(
          "{}: holding the move to {} until the pre-warm of {} is ready (at most {} s)",
          name,
          desired,
          target.function(),
          BUDGET.toSeconds());
    }
    return true;
  }

  private void start(long now) {
    if (state == State.WARMING || state == State.READY) {
      return;
    }
    int mine = ++attempt;
    state = State.WARMING;
    detail = "provisioning " + target.count();
    deadline = now + BUDGET.toNanos();
    holdReported = false;
    LOG.info("{}: pre-warming {} with {} instances", name, target.function(), target.count());
    target
        .prewarmer()
        .prewarm(target.function(), target.count(), BUDGET, log)
        .onComplete(
            done -> {
              if (mine != attempt || state != State.WARMING) {
                return;
              }
              PrewarmOutcome outcome =
                  done.succeeded()
                      ? done.result()
                      : new PrewarmOutcome(
                          PrewarmOutcome.Result.FAILED, String.valueOf(done.cause()));
              if (outcome.ready()) {
                state = State.READY;
                detail = outcome.detail();
                meters.prewarm("ready");
                LOG.info("{}: {} is pre-warmed: {}", name, target.function(), detail);
              } else {
                cold(outcome.result().name().toLowerCase(Locale.ROOT), outcome.toString());
              }
            });
  }

  private void cold(String outcome, String why) {
    state = State.COLD;
    detail = why;
    meters.prewarm(outcome);
    LOG.warn(
        "{}: the pre-warm of {} did not complete: {}; traffic moves to SCF cold",
        name,
        target.function(),
        why);
  }

  private void release() {
    int mine = ++attempt;
    state = State.RELEASING;
    detail = "releasing";
    target
        .prewarmer()
        .release(target.function(), log)
        .onComplete(
            done -> {
              if (mine != attempt) {
                return;
              }
              state = State.IDLE;
              if (done.succeeded()) {
                detail = "released";
                meters.prewarm("released");
                LOG.info("{}: released the pre-warm of {}", name, target.function());
              } else {
                detail = "release failed: " + done.cause().getMessage();
                meters.prewarm("release_failed");
                LOG.warn(
                    "{}: could not release the pre-warm of {} (it keeps costing until released"
                        + " by hand): {}",
                    name,
                    target.function(),
                    done.cause().getMessage());
              }
            });
  }
}
