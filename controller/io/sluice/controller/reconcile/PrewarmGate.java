package io.sluice.controller.reconcile;

import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.actuate.scf.PrewarmOutcome;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.reconcile.PrewarmStatus.State;
import io.sluice.policies.Backend;
import io.sluice.policies.ColdRamp;
import io.sluice.policies.Decision;
import io.sluice.policies.Durations;
import io.sluice.policies.SideAction;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a route's pre-warm side actions and holds back any change that raises SCF's share
 * while the pre-warm is under way, so that shifted traffic meets warm instances. The hold is
 * bounded by {@code prewarm.waitFor}: a pre-warm that cannot complete (provisioning stuck, refused,
 * a quota spent) is reported (WARN, {@code sluice_prewarm_total{outcome=timed_out|failed}}) and the
 * shift goes ahead cold in the steps of the route's {@link ColdRamp}, because a primary that is
 * DOWN serves nothing, and cold SCF is still better than that, a share at a time.
 *
 * <p>A pre-warm an earlier run left in place (it was killed before releasing it) is found at start
 * ({@link #inspectLeftOver}), so the policy releases it once SCF has been idle for {@code
 * releaseAfter}, like one this run asked for.
 *
 * <p>Runs on the reconciler's context. Each pre-warm is an attempt; an answer for an attempt that
 * was since released or expired is ignored, so a late outcome cannot undo a newer state.
 */
final class PrewarmGate {
  private static final Logger LOG = LoggerFactory.getLogger(PrewarmGate.class);

  private final String name;
  private final PrewarmTarget target;
  private final ColdRamp ramp;
  private final StepLog log;
  private final RouteMeters meters;
  private State state = State.IDLE;
  private String detail = "not asked for";
  private long deadline;
  private int attempt;
  private boolean holdReported;
  // the cold ramp: the highest SCF share stepped to, and when (valid while reachedScf > 0)
  private int reachedScf;
  private long steppedAt;
  // the last Put or Delete asked of the cloud; the next waits for it, so that a release cannot
  // overtake a Put still in flight (and leave provisioned concurrency set), nor a Put a Delete
  private Future<?> cloudWork = Future.succeededFuture();

  PrewarmGate(String name, PrewarmTarget target, ColdRamp ramp, StepLog log, RouteMeters meters) {
    this.name = name;
    this.target = target;
    this.ramp = ramp;
    this.log = log;
    this.meters = meters;
  }

  /**
   * Looks for provisioned concurrency an earlier run left on the function; true when some is (or
   * may be) there, so that the policy holds it and releases it in time. Never fails: a read that
   * fails is reported and counts as none, since a release of nothing would be as misleading.
   */
  Future<Boolean> inspectLeftOver() {
    return target
        .prewarmer()
        .leftOver(target.function())
        .map(
            found -> {
              found.ifPresent(
                  outcome -> {
                    state = outcome.ready() ? State.READY : State.COLD;
                    detail = "left by an earlier run: " + outcome.detail();
                    LOG.info(
                        "{}: found provisioned concurrency on {} ({}); it is released after"
                            + " SCF has been idle for prewarm.releaseAfter",
                        name,
                        target.function(),
                        outcome.detail());
                  });
              return found.isPresent();
            })
        .otherwise(
            failure -> {
              LOG.warn(
                  "{}: cannot tell whether an earlier run left provisioned concurrency on {} ({});"
                      + " if it did, it keeps costing until released by hand",
                  name,
                  target.function(),
                  failure.getMessage());
              return false;
            });
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
   * What of the change from {@code actual} to {@code desired} may be applied now: all of it when it
   * does not raise SCF's share or SCF is warm; nothing while the pre-warm is under way within
   * {@code waitFor}; and once the pre-warm could not complete, the next step of the cold ramp, each
   * at least {@code every} after the one before. A step whose write failed counts as taken: the
   * ramp never slows a failover down further.
   */
  Optional<TrafficSplit> admit(TrafficSplit actual, TrafficSplit desired, long now) {
    TrafficSplit from = actual == null ? TrafficSplit.allOn(Backend.CVM) : actual;
    if (desired.weight(Backend.SCF) <= from.weight(Backend.SCF)) {
      reachedScf = 0;
      return Optional.of(desired);
    }
    if (state == State.WARMING) {
      if (now - deadline < 0) {
        reportHold(desired);
        return Optional.empty();
      }
      cold(
          "timed_out",
          "not ready within " + Durations.format(target.waitFor()) + " (" + detail + ")");
    }
    if (state != State.COLD) {
      return Optional.of(desired);
    }
    if (reachedScf > 0 && now - steppedAt < ramp.every().toNanos()) {
      return Optional.empty();
    }
    TrafficSplit step = ramp.next(from, reachedScf, desired);
    reachedScf = step.weight(Backend.SCF);
    steppedAt = now;
    return Optional.of(step);
  }

  /** Why the reconciler applies {@code step} instead of {@code desired}, for its log line. */
  String stepReason(TrafficSplit step, TrafficSplit desired) {
    return "stepping toward "
        + desired
        + " because the pre-warm of "
        + target.function()
        + " did not complete ("
        + detail
        + "); the next step after "
        + Durations.format(ramp.every())
        + ", through SCF shares "
        + ramp.steps();
  }

  private void reportHold(TrafficSplit desired) {
    if (!holdReported) {
      holdReported = true;
      LOG.info(
          "{}: holding the move to {} until the pre-warm of {} is ready (at most {})",
          name,
          desired,
          target.function(),
          Durations.format(target.waitFor()));
    }
  }

  private void start(long now) {
    if (state == State.WARMING || state == State.READY) {
      return;
    }
    int mine = ++attempt;
    state = State.WARMING;
    detail = "provisioning " + target.count();
    deadline = now + target.waitFor().toNanos();
    holdReported = false;
    reachedScf = 0;
    LOG.info("{}: pre-warming {} with {} instances", name, target.function(), target.count());
    afterCloudWork(
            () ->
                target
                    .prewarmer()
                    .prewarm(target.function(), target.count(), target.waitFor(), log))
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
        "{}: the pre-warm of {} did not complete: {}; traffic moves to SCF cold, in steps of {}"
            + " every {}",
        name,
        target.function(),
        why,
        ramp.steps(),
        Durations.format(ramp.every()));
  }

  /** Starts {@code next} once the cloud work asked before it has ended, however it ended. */
  private <T> Future<T> afterCloudWork(Supplier<Future<T>> next) {
    Future<T> started = cloudWork.transform(ignored -> next.get());
    cloudWork = started;
    return started;
  }

  private void release() {
    int mine = ++attempt;
    state = State.RELEASING;
    detail = "releasing";
    afterCloudWork(() -> target.prewarmer().release(target.function(), log))
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
