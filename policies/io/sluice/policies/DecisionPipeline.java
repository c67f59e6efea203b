package io.sluice.policies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The guards every policy kind passes through, in this order:
 *
 * <ol>
 *   <li><b>Override</b>: an unexpired operator override wins, even during warm-up; an unforced one
 *       yields to safety while it would route to a DOWN backend and the other is UP.
 *   <li><b>Warm-up</b>: after a start, hold the split read from the cloud until {@code
 *       warmupRounds} verdict rounds with no UNKNOWN have arrived (no restart amnesia).
 *   <li><b>Freeze</b>: once the flap budget is spent, hold until an operator resumes.
 *   <li><b>Both DOWN</b>: hold the last good split; never route to nothing.
 *   <li><b>UNKNOWN</b>: with no backend DOWN, an UNKNOWN verdict holds everything: it neither
 *       causes a failover nor authorises a failback.
 *   <li>The automation's proposal, then: never raise the weight of a DOWN backend; the minimum
 *       dwell since the last change; the flap budget (the last allowed change of direction is spent
 *       only to escape a DOWN backend, then the route freezes).
 * </ol>
 */
final class DecisionPipeline {
  private final PolicySettings settings;
  private final Automation automation;

  DecisionPipeline(PolicySettings settings, Automation automation) {
    this.settings = settings;
    this.automation = automation;
  }

  PolicyOutcome decide(PolicyState state, HealthSnapshot health, Overrides overrides, long now) {
    PolicyState st =
        automation.observe(
            state.with(state.warmup().see(health)).with(state.prewarm().see(state.split(), now)),
            health,
            now);
    if (overrides.resumeGeneration() > st.history().resumeSeen()) {
      st = st.with(st.history().resume(overrides.resumeGeneration()));
    }
    Optional<OperatorOverride> override = overrides.activeAt(now);
    if (override.isPresent()) {
      return applyOverride(st, override.get(), health, now);
    }
    Safeguards guards = settings.safeguards();
    if (!st.warmup().done(guards.warmupRounds())) {
      return hold(
          st,
          Phase.WARMING,
          Reason.of("warming", "holding the current split until verdicts are fresh")
              .with("freshRounds", st.warmup().freshRounds())
              .with("warmupRounds", guards.warmupRounds()),
          health,
          now);
    }
    if (st.history().frozen()) {
      return frozen(st, health, now);
    }
    if (health.bothDown()) {
      return hold(
          st,
          Phase.BOTH_DOWN,
          Reason.of("both-down", "both backends DOWN; holding the last good split")
              .with("split", st.split()),
          health,
          now);
    }
    if (health.anyUnknown() && !health.anyDown()) {
      return hold(
          st,
          automation.restingPhase(st),
          Reason.of("unknown-holds", "a verdict is UNKNOWN and none is DOWN; holding")
              .with("cvm", health.cvm())
              .with("scf", health.scf()),
          health,
          now);
    }
    return guard(st, automation.propose(st, health, now), health, now);
  }

  private PolicyOutcome guard(PolicyState st, Proposal p, HealthSnapshot health, long now) {
    TrafficSplit current = st.split();
    if (p.target().equals(current)) {
      return hold(st, p.phase(), p.reason(), health, now);
    }
    Optional<Backend> raisedDown = raisedDownBackend(current, p.target(), health);
    if (raisedDown.isPresent()) {
      return hold(
          st,
          automation.restingPhase(st),
          Reason.of("no-traffic-to-down", "would raise the weight of a DOWN backend; holding")
              .with("backend", raisedDown.get().id())
              .with("wanted", p.target())
              .with("because", p.reason().text()),
          health,
          now);
    }
    Optional<Reason> dwell = dwellBlocks(st, p, now);
    if (dwell.isPresent()) {
      return hold(st, p.waitingPhase(), dwell.get(), health, now);
    }
    Backend toward = towards(current, p.target());
    boolean flip = !st.history().lastDirection().equals(Optional.of(toward));
    FlapBudget budget = settings.safeguards().flapBudget();
    if (flip && st.history().flipsWithin(budget.window(), now) >= budget.maxTransitions() - 1) {
      return freeze(st, p, health, now);
    }
    return shift(st, p.target(), p.phase(), p.reason(), health, now, toward);
  }

  /**
   * A frozen route holds, except that it still leaves a DOWN backend when the other one is UP
   * (after the dwell): the freeze stops flapping, it must never keep traffic on a dead backend.
   */
  private PolicyOutcome frozen(PolicyState st, HealthSnapshot health, long now) {
    Optional<Backend> dead = OverrideSafety.downBackendRouted(st.split(), health);
    if (dead.isEmpty()) {
      return hold(
          st,
          Phase.FROZEN,
          Reason.of("frozen", "flap budget spent; an operator must resume automation")
              .with("split", st.split()),
          health,
          now);
    }
    TrafficSplit escape = TrafficSplit.allOn(dead.get().other());
    Reason reason =
        Reason.of("frozen-escape", "frozen, but leaving a DOWN backend while the other is UP")
            .with("down", dead.get().id())
            .with("up", dead.get().other().id());
    Optional<Reason> dwell =
        dwellBlocks(st, new Proposal(escape, Phase.FROZEN, Phase.FROZEN, reason), now);
    if (dwell.isPresent()) {
      return hold(st, Phase.FROZEN, dwell.get(), health, now);
    }
    Duration window = settings.safeguards().flapBudget().window();
    PolicyState next =
        st.with(escape).with(st.history().automaticChange(dead.get().other(), now, window));
    return shifted(st.split(), next, Phase.FROZEN, reason, health, now);
  }

  private PolicyOutcome freeze(PolicyState st, Proposal p, HealthSnapshot health, long now) {
    FlapBudget budget = settings.safeguards().flapBudget();
    TrafficSplit from = st.split();
    boolean escapesDown = escapesDownBackend(from, p.target(), health);
    TrafficSplit to = escapesDown ? p.target() : from;
    PolicyState next = st;
    List<SideAction> actions = new ArrayList<>();
    if (escapesDown) {
      Backend toward = towards(from, p.target());
      next = next.with(to).with(next.history().automaticChange(toward, now, budget.window()));
      next = prewarmFor(next, from, to, actions);
    }
    next = next.with(next.history().freeze()).with(Phase.FROZEN);
    Reason reason =
        Reason.of(
                "flap-budget-spent",
                escapesDown
                    ? "flap budget spent; made the last move away from a DOWN backend and froze"
                    : "flap budget spent; froze on the current side")
            .with("maxTransitions", budget.maxTransitions())
            .with("window", Durations.format(budget.window()))
            .with("wanted", p.target())
            .with("because", p.reason().text());
    return new PolicyOutcome(
        next, new Decision.Freeze(from, to, reason, actions, settings.safeguards().observeOnly()));
  }

  private PolicyOutcome applyOverride(
      PolicyState st, OperatorOverride override, HealthSnapshot health, long now) {
    TrafficSplit wanted =
        switch (override.action()) {
          case OperatorOverride.OverrideAction.Pin pin -> TrafficSplit.allOn(pin.backend());
          case OperatorOverride.OverrideAction.FixedSplit fixed -> fixed.split();
          case OperatorOverride.OverrideAction.Pause pause -> st.split();
        };
    Reason reason =
        Reason.of("override", "operator override in force")
            .with("action", describe(override.action()))
            .with("actor", override.actor())
            .with("reason", override.reason())
            .with("forced", override.forced());
    Optional<Backend> unsafe = OverrideSafety.downBackendRouted(wanted, health);
    if (unsafe.isEmpty() || override.forced()) {
      if (wanted.equals(st.split())) {
        return hold(st, Phase.OVERRIDDEN, reason, health, now);
      }
      // Returning to the override after it yielded to safety is automation's doing, not the
      // operator's: it waits out the dwell, so a flapping pinned backend cannot flap traffic.
      if (st.history().yielded().equals(Optional.of(override))) {
        Optional<Reason> dwell =
            dwellBlocks(st, new Proposal(wanted, Phase.OVERRIDDEN, Phase.OVERRIDDEN, reason), now);
        if (dwell.isPresent()) {
          return hold(st, Phase.OVERRIDDEN, dwell.get(), health, now);
        }
      }
      return manualShift(st, wanted, reason, health, now);
    }
    Backend safe = unsafe.get().other();
    TrafficSplit target = TrafficSplit.allOn(safe);
    Reason yields =
        Reason.of(
                "override-yields-to-safety",
                "the override routes to a DOWN backend while the other is UP and is not forced")
            .with("down", unsafe.get().id())
            .with("up", safe.id())
            .with("action", describe(override.action()))
            .with("actor", override.actor());
    if (target.equals(st.split())) {
      return hold(st, Phase.OVERRIDDEN, yields, health, now);
    }
    Optional<Reason> dwell =
        dwellBlocks(st, new Proposal(target, Phase.OVERRIDDEN, Phase.OVERRIDDEN, yields), now);
    if (dwell.isPresent()) {
      return hold(st, Phase.OVERRIDDEN, dwell.get(), health, now);
    }
    PolicyState next = st.with(target).with(st.history().yieldedFrom(override, now));
    return shifted(st.split(), next, Phase.OVERRIDDEN, yields, health, now);
  }

  private Optional<Reason> dwellBlocks(PolicyState st, Proposal p, long now) {
    Duration minDwell = settings.safeguards().minDwell();
    OptionalLong since = st.history().sinceLastChange(now);
    if (since.isEmpty() || since.getAsLong() >= minDwell.toNanos()) {
      return Optional.empty();
    }
    return Optional.of(
        Reason.of("min-dwell", "waiting out the minimum dwell before the next change")
            .with("sinceLastChange", Durations.format(Duration.ofNanos(since.getAsLong())))
            .with("minDwell", Durations.format(minDwell))
            .with("wanted", p.target())
            .with("because", p.reason().text()));
  }

  private PolicyOutcome shift(
      PolicyState st,
      TrafficSplit target,
      Phase phase,
      Reason reason,
      HealthSnapshot health,
      long now,
      Backend toward) {
    Duration window = settings.safeguards().flapBudget().window();
    PolicyState next = st.with(target).with(st.history().automaticChange(toward, now, window));
    return shifted(st.split(), next, phase, reason, health, now);
  }

  private PolicyOutcome manualShift(
      PolicyState st, TrafficSplit target, Reason reason, HealthSnapshot health, long now) {
    PolicyState next = st.with(target).with(st.history().manualChange(now));
    return shifted(st.split(), next, Phase.OVERRIDDEN, reason, health, now);
  }

  private PolicyOutcome shifted(
      TrafficSplit from,
      PolicyState next,
      Phase phase,
      Reason reason,
      HealthSnapshot health,
      long now) {
    List<SideAction> actions = new ArrayList<>();
    next = prewarmFor(next, from, next.split(), actions);
    next = releaseIfIdle(next, health, now, actions).with(phase);
    return new PolicyOutcome(
        next,
        new Decision.Shift(
            from, next.split(), phase, reason, actions, settings.safeguards().observeOnly()));
  }

  private PolicyOutcome hold(
      PolicyState st, Phase phase, Reason reason, HealthSnapshot health, long now) {
    List<SideAction> actions = new ArrayList<>();
    PolicyState next = st;
    if (phase != Phase.WARMING
        && automation.prewarmAhead(health)
        && settings.prewarm().isPresent()
        && !next.prewarm().held()) {
      actions.add(new SideAction.PrewarmScf());
      next = next.with(new PolicyState.PrewarmHold(true, next.prewarm().scfIdleSince()));
    }
    next = releaseIfIdle(next, health, now, actions).with(phase);
    return new PolicyOutcome(
        next,
        new Decision.Hold(st.split(), phase, reason, actions, settings.safeguards().observeOnly()));
  }

  /** Pre-warm SCF before any move that starts sending it traffic. */
  private PolicyState prewarmFor(
      PolicyState st, TrafficSplit from, TrafficSplit to, List<SideAction> actions) {
    boolean scfStarts = !from.routesTo(Backend.SCF) && to.routesTo(Backend.SCF);
    if (scfStarts && settings.prewarm().isPresent() && !st.prewarm().held()) {
      actions.add(new SideAction.PrewarmScf());
      return st.with(new PolicyState.PrewarmHold(true, OptionalLong.empty()));
    }
    return st;
  }

  /** Release the pre-warm once SCF has been idle for {@code releaseAfter} and none is due. */
  private PolicyState releaseIfIdle(
      PolicyState st, HealthSnapshot health, long now, List<SideAction> actions) {
    if (settings.prewarm().isEmpty()
        || !st.prewarm().held()
        || st.split().routesTo(Backend.SCF)
        || automation.prewarmAhead(health)
        || st.prewarm().scfIdleSince().isEmpty()
        || st.prewarm().scfIdleFor(now) < settings.prewarm().get().releaseAfter().toNanos()) {
      return st;
    }
    actions.add(new SideAction.ReleasePrewarm());
    return st.with(new PolicyState.PrewarmHold(false, st.prewarm().scfIdleSince()));
  }

  /** The backend whose weight rises from {@code from} to {@code to}. */
  static Backend towards(TrafficSplit from, TrafficSplit to) {
    return to.cvm() > from.cvm() ? Backend.CVM : Backend.SCF;
  }

  private static Optional<Backend> raisedDownBackend(
      TrafficSplit from, TrafficSplit to, HealthSnapshot health) {
    Backend toward = towards(from, to);
    return health.isDown(toward) ? Optional.of(toward) : Optional.empty();
  }

  /** True when the move lowers the weight of a DOWN backend that carried traffic. */
  private static boolean escapesDownBackend(
      TrafficSplit from, TrafficSplit to, HealthSnapshot health) {
    Backend lowered = towards(from, to).other();
    return health.isDown(lowered) && from.routesTo(lowered);
  }

  private static String describe(OperatorOverride.OverrideAction action) {
    return switch (action) {
      case OperatorOverride.OverrideAction.Pin pin -> "pin " + pin.backend().id();
      case OperatorOverride.OverrideAction.FixedSplit fixed -> "split " + fixed.split();
      case OperatorOverride.OverrideAction.Pause pause -> "pause";
    };
  }
}
