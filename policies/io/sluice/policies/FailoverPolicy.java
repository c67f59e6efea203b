package io.sluice.policies;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Failover between a primary and a standby backend (Tencent's "switching between CVM and SCF").
 *
 * <p>Regimes, for a split that is:
 *
 * <ul>
 *   <li><b>all on the primary</b> (NORMAL): when the primary is DOWN and the standby is not, wait
 *       {@code confirmFor} (CONFIRMING), then move everything to the standby (FAILED_OVER).
 *   <li><b>all on the standby</b> (FAILED_OVER): once the primary has been UP for {@code
 *       failback.after} (the <i>failback wait</i>, below), start the ramp at the first failback
 *       step (FAILING_BACK). If the standby goes DOWN while the primary is not, return to the
 *       primary at once.
 *   <li><b>shared</b> (FAILING_BACK): raise the primary to the next step every {@code
 *       failback.stepEvery} while both are UP (a ramp found half done at start, after a restart,
 *       resumes once the primary has been UP for one {@code stepEvery}, not the whole wait); if the
 *       primary goes DOWN, return everything to the standby, however short the DOWN (users are on
 *       the primary: that is safety, not the wait); if the standby does, finish on the primary.
 * </ul>
 *
 * <p><b>The failback wait</b> runs from the first UP verdict after the primary's last
 * <i>confirmed</i> DOWN: one seen DOWN {@link FailoverSettings#restartsTheWait} after its run
 * began, the longer of {@code confirmFor} (the test a failover makes: a DOWN that would not fail
 * the service over must not keep it failed over) and {@code failback.tolerateDown} (10 s by
 * default: the primary carries no traffic during the wait, so a short DOWN there costs nothing). A
 * shorter DOWN (a blip: a few lost probes in a row make a DOWN verdict) neither restarts nor pauses
 * the wait, though the first step still waits for an UP verdict, as nothing moves toward a DOWN
 * backend. When every blip restarted the wait, a false failover under probe loss kept a healthy
 * primary idle for as long as blips kept coming less than {@code failback.after} apart. An UNKNOWN
 * verdict restarts it: the wait wants UP verdicts throughout, and UNKNOWN is none.
 *
 * <p>The bound (a property in {@code PolicyProperties}): let {@code E} be the first UP verdict
 * after the primary's last confirmed DOWN. If every later DOWN is a blip, the standby stays UP, and
 * no override, UNKNOWN or spent flap budget intervenes, traffic does not move toward the primary
 * before {@code E + wait}, the first step comes by {@code E + wait + B} plus one decision interval,
 * where {@code B} is the time the blips after {@code E} lasted in all, and, with no DOWN during the
 * ramp, all traffic is on the primary {@code stepEvery} (plus one decision interval) per further
 * step later, where {@code wait} is {@code failback.after} grown as below. A blip during the ramp
 * aborts it (the safety rule above); it does not restart the wait, but the abort counts as a
 * failover, so the next failback waits twice as long, from the same {@code E} (with a flap budget
 * of 4, that next failback would spend the budget, and the route freezes on the standby instead).
 *
 * <p>Failback is deliberately slower than failover (gdnsd, Route 53 and Envoy all damp the way
 * back), and the wait grows with repetition, like Envoy's ejection time: {@code failback.after}
 * doubles for each earlier failover still inside the flap-budget window (at most up to the window
 * itself). A flapping primary costs one failover and an ever longer wait, not a storm. The doubling
 * shows with a flap budget of 5 or more changes of direction; with 4, the second failback would
 * spend the budget, and the route freezes on the standby instead. The shared guards of {@link
 * DecisionPipeline} (warm-up, overrides, freeze, both DOWN, UNKNOWN, dwell, flap budget) apply on
 * top.
 */
public record FailoverPolicy(FailoverSettings settings) implements Policy, Automation {

  @Override
  public PolicyOutcome decide(
      PolicyState state, HealthSnapshot health, Overrides overrides, long nowNanos) {
    return new DecisionPipeline(settings, this).decide(state, health, overrides, nowNanos);
  }

  /**
   * Keeps the primary's DOWN run and the failback wait's clock (see {@link PolicyState.HomeWatch}).
   */
  @Override
  public PolicyState observe(PolicyState state, HealthSnapshot health, long nowNanos) {
    return state.with(
        state
            .home()
            .see(
                health.verdict(settings.primary()),
                // tolerateDown only while all traffic waits on the standby: the DOWN that fails
                // the service over, or one during the ramp, counts after confirmFor as before
                state.split().isAllOn(settings.standby())
                    ? settings.restartsTheWait()
                    : settings.confirmFor(),
                nowNanos));
  }

  @Override
  public Phase restingPhase(PolicyState state) {
    TrafficSplit split = state.split();
    if (split.isAllOn(settings.primary())) {
      return Phase.NORMAL;
    }
    return split.isAllOn(settings.standby()) ? Phase.FAILED_OVER : Phase.FAILING_BACK;
  }

  @Override
  public Proposal propose(PolicyState state, HealthSnapshot health, long now) {
    TrafficSplit split = state.split();
    if (split.isAllOn(settings.primary())) {
      return onPrimary(state, health, now);
    }
    if (split.isAllOn(settings.standby())) {
      return onStandby(state, health, now);
    }
    return ramping(state, health, now);
  }

  private Proposal onPrimary(PolicyState state, HealthSnapshot health, long now) {
    Backend primary = settings.primary();
    Backend standby = settings.standby();
    if (!health.isDown(primary)) {
      return Proposal.hold(
          state.split(),
          Phase.NORMAL,
          Reason.of("primary-serving", "the primary is " + health.verdict(primary))
              .with(standby.id(), health.verdict(standby)));
    }
    Duration downFor = Duration.ofNanos(state.home().downFor(now));
    if (downFor.compareTo(settings.confirmFor()) < 0) {
      return Proposal.hold(
          state.split(),
          Phase.CONFIRMING,
          Reason.of("confirming", "the primary is DOWN; confirming before failing over")
              .with("downFor", Durations.format(downFor))
              .with("confirmFor", Durations.format(settings.confirmFor())));
    }
    return new Proposal(
        TrafficSplit.allOn(standby),
        Phase.FAILED_OVER,
        Phase.CONFIRMING,
        Reason.of("failover", "the primary is DOWN and the standby is not")
            .with(primary.id(), Verdict.DOWN)
            .with(standby.id(), health.verdict(standby))
            .with("downFor", Durations.format(downFor))
            .with("confirmFor", Durations.format(settings.confirmFor())));
  }

  private Proposal onStandby(PolicyState state, HealthSnapshot health, long now) {
    Backend primary = settings.primary();
    Backend standby = settings.standby();
    if (health.isDown(standby)) {
      return new Proposal(
          TrafficSplit.allOn(primary),
          Phase.NORMAL,
          Phase.FAILED_OVER,
          Reason.of("standby-down", "the standby is DOWN and the primary is not")
              .with(primary.id(), health.verdict(primary)));
    }
    Duration upFor = Duration.ofNanos(state.home().upFor(now));
    Duration after = holdDown(state, now);
    if (!health.isUp(primary) || upFor.compareTo(after) < 0) {
      return Proposal.hold(
          state.split(),
          Phase.FAILED_OVER,
          Reason.of(
                  "failback-wait",
                  "waiting for the primary to stay UP for failback.after; only a DOWN that lasts"
                      + " restartsAfter restarts the wait")
              .with(primary.id(), health.verdict(primary))
              .with("upFor", Durations.format(upFor))
              .with("after", Durations.format(after))
              .with("restartsAfter", Durations.format(settings.restartsTheWait()))
              .with("failoversInWindow", failoversInWindow(state, now)));
    }
    int first = settings.failback().nextStepAbove(0);
    return new Proposal(
        TrafficSplit.of(primary, first),
        first == 100 ? Phase.NORMAL : Phase.FAILING_BACK,
        Phase.FAILED_OVER,
        Reason.of("failback-start", "the primary has been UP for failback.after")
            .with("upFor", Durations.format(upFor))
            .with("after", Durations.format(after))
            .with("step", first));
  }

  private Proposal ramping(PolicyState state, HealthSnapshot health, long now) {
    Backend primary = settings.primary();
    Backend standby = settings.standby();
    if (health.isDown(primary)) {
      return new Proposal(
          TrafficSplit.allOn(standby),
          Phase.FAILED_OVER,
          Phase.FAILING_BACK,
          Reason.of("failback-abort", "the primary went DOWN during failback")
              .with("split", state.split()));
    }
    if (health.isDown(standby)) {
      return new Proposal(
          TrafficSplit.allOn(primary),
          Phase.NORMAL,
          Phase.FAILING_BACK,
          Reason.of("standby-down", "the standby went DOWN during failback")
              .with("split", state.split()));
    }
    FailoverSettings.Failback failback = settings.failback();
    Duration upFor = Duration.ofNanos(state.home().upFor(now));
    OptionalLong sinceLastStep = state.history().sinceLastChange(now);
    Duration sinceStep = Duration.ofNanos(sinceLastStep.orElse(Long.MAX_VALUE));
    // A ramp with no step in this run's history was found half done at start (a restart during
    // failback): its wait was served before the restart, so one step interval of UP resumes it
    // rather than the whole wait again.
    Duration after = sinceLastStep.isPresent() ? holdDown(state, now) : failback.stepEvery();
    if (upFor.compareTo(after) < 0 || sinceStep.compareTo(failback.stepEvery()) < 0) {
      return Proposal.hold(
          state.split(),
          Phase.FAILING_BACK,
          Reason.of("failback-step-wait", "waiting before the next failback step")
              .with("sinceLastStep", Durations.format(sinceStep))
              .with("stepEvery", Durations.format(failback.stepEvery()))
              .with("primaryUpFor", Durations.format(upFor))
              .with("after", Durations.format(after)));
    }
    int next = failback.nextStepAbove(state.split().weight(primary));
    return new Proposal(
        TrafficSplit.of(primary, next),
        next == 100 ? Phase.NORMAL : Phase.FAILING_BACK,
        Phase.FAILING_BACK,
        Reason.of("failback-step", "raising the primary to the next failback step")
            .with("step", next)
            .with("steps", failback.steps()));
  }

  /**
   * {@code failback.after}, doubled for each failover before the latest one that is still inside
   * the flap window, and never longer than the window (the failovers it counts expire by then).
   */
  Duration holdDown(PolicyState state, long now) {
    Duration base = settings.failback().after();
    Duration window = settings.safeguards().flapBudget().window();
    Duration cap = base.compareTo(window) > 0 ? base : window;
    Duration after = base;
    for (int earlier = failoversInWindow(state, now) - 1;
        earlier > 0 && after.compareTo(cap) < 0;
        earlier--) {
      after = after.multipliedBy(2);
    }
    return after.compareTo(cap) > 0 ? cap : after;
  }

  /** Automatic moves toward the standby inside the flap window. */
  private int failoversInWindow(PolicyState state, long now) {
    return state
        .history()
        .flipsTowardWithin(settings.standby(), settings.safeguards().flapBudget().window(), now);
  }
}
