package io.sluice.policies;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Diversion for one domain (Tencent's "CVM/SCF diversion"): the domain goes to its assigned
 * backend, and on top of that:
 *
 * <ul>
 *   <li><b>scheduled windows</b> move it (or a percentage of it) to a target backend between two
 *       calendar times, pre-warming SCF {@code prewarm.lead} ahead;
 *   <li><b>load spill</b> (CVM-assigned domains only) moves {@code stepPercent} more to SCF every
 *       {@code stepEvery} while the CVM load signal stays above {@code above}, up to {@code
 *       capPercent}, and back the same way once it stays below {@code below}; between the two the
 *       level holds (hysteresis);
 *   <li><b>failover protection</b> moves the domain away from a DOWN backend when the other is UP.
 * </ul>
 *
 * A window wins over spill. Known gap: after failover protection, the domain returns to its
 * assigned backend as soon as it is UP again and the dwell has passed; there is no separate
 * return-after period as failover has with {@code failback.after}. The shared guards of {@link
 * DecisionPipeline} apply on top; in particular traffic is never moved onto a DOWN backend,
 * whatever the schedule says.
 */
public record DiversionPolicy(DiversionSettings settings) implements Policy, Automation {

  @Override
  public PolicyOutcome decide(
      PolicyState state, HealthSnapshot health, Overrides overrides, long nowNanos) {
    return new DecisionPipeline(settings, this).decide(state, health, overrides, nowNanos);
  }

  @Override
  public Phase restingPhase(PolicyState state) {
    if (state.split().isAllOn(settings.assigned())) {
      return Phase.NORMAL;
    }
    return state.phase() == Phase.FAILED_OVER ? Phase.FAILED_OVER : Phase.DIVERTED;
  }

  @Override
  public boolean prewarmAhead(HealthSnapshot health) {
    Duration lead = settings.prewarm().map(Prewarm::lead).orElse(Duration.ZERO);
    return settings.windows().stream()
        .anyMatch(w -> w.target() == Backend.SCF && w.withinLeadOf(health.wallClock(), lead));
  }

  @Override
  public PolicyState observe(PolicyState state, HealthSnapshot health, long now) {
    if (settings.spill().isEmpty()) {
      return state;
    }
    DiversionSettings.Spill spill = settings.spill().get();
    PolicyState.SpillLevel level = state.spill();
    OptionalDouble load = health.cvmLoad();
    boolean high = load.isPresent() && load.getAsDouble() > spill.above();
    boolean low = load.isPresent() && load.getAsDouble() < spill.below();
    OptionalLong highSince =
        high ? PolicyState.keepOrStart(level.highSince(), now) : OptionalLong.empty();
    OptionalLong lowSince =
        low ? PolicyState.keepOrStart(level.lowSince(), now) : OptionalLong.empty();
    // Step only from a level that is in force: while a window, an override, a pause or a guard
    // keeps the split elsewhere, the level waits instead of climbing unseen.
    boolean applied = state.split().weight(Backend.SCF) == level.percent();
    boolean stepDue =
        applied
            && (level.lastStepNanos().isEmpty()
                || now - level.lastStepNanos().getAsLong() >= spill.stepEvery().toNanos());
    long sustain = spill.sustainFor().toNanos();
    int percent = level.percent();
    if (stepDue && high && now - highSince.getAsLong() >= sustain && percent < spill.capPercent()) {
      percent = Math.min(spill.capPercent(), percent + spill.stepPercent());
    } else if (stepDue && low && now - lowSince.getAsLong() >= sustain && percent > 0) {
      percent = Math.max(0, percent - spill.stepPercent());
    }
    OptionalLong lastStep =
        percent != level.percent() ? OptionalLong.of(now) : level.lastStepNanos();
    return state.with(new PolicyState.SpillLevel(percent, highSince, lowSince, lastStep));
  }

  @Override
  public Proposal propose(PolicyState state, HealthSnapshot health, long now) {
    Backend assigned = settings.assigned();
    Optional<DiversionSettings.ScheduledWindow> window = settings.windowAt(health.wallClock());
    TrafficSplit desired;
    Reason why;
    if (window.isPresent()) {
      desired = TrafficSplit.of(window.get().target(), window.get().percent());
      why =
          Reason.of("window", "a scheduled diversion window is in force")
              .with("from", window.get().from())
              .with("to", window.get().to())
              .with("target", window.get().target().id())
              .with("percent", window.get().percent());
    } else if (settings.spill().isPresent() && state.spill().percent() > 0) {
      desired = TrafficSplit.of(Backend.SCF, state.spill().percent());
      why =
          Reason.of("spill", "the CVM load signal is spilling traffic to SCF")
              .with("percent", state.spill().percent())
              .with("load", describe(health.cvmLoad()))
              .with("above", settings.spill().get().above())
              .with("below", settings.spill().get().below());
    } else {
      desired = TrafficSplit.allOn(assigned);
      why = Reason.of("assigned", "the domain is on its assigned backend");
    }
    if (settings.failoverProtection()) {
      for (Backend b : Backend.values()) {
        if (desired.routesTo(b) && health.isDown(b) && health.isUp(b.other())) {
          return protect(state, b, why);
        }
      }
    }
    Phase phase = desired.isAllOn(assigned) ? Phase.NORMAL : Phase.DIVERTED;
    return new Proposal(desired, phase, restingPhase(state), why);
  }

  private Proposal protect(PolicyState state, Backend down, Reason wanted) {
    Backend up = down.other();
    return new Proposal(
        TrafficSplit.allOn(up),
        up == settings.assigned() ? Phase.NORMAL : Phase.FAILED_OVER,
        restingPhase(state),
        Reason.of("failover-protection", "the domain's backend is DOWN and the other is UP")
            .with("down", down.id())
            .with("up", up.id())
            .with("wanted", wanted.text()));
  }

  private static String describe(OptionalDouble load) {
    return load.isPresent() ? String.valueOf(load.getAsDouble()) : "none";
  }
}
