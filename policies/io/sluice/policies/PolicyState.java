package io.sluice.policies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a policy keeps between decisions. Immutable; each {@link Policy#decide} returns a new one.
 *
 * @param phase the phase reported by the last decision
 * @param split the split the policy last decided (what it believes the route carries)
 * @param warmup verdict rounds seen since start
 * @param history when and in which direction traffic last moved, and the freeze
 * @param home how long the home backend (primary or assigned) has been UP or DOWN
 * @param spill diversion load-spill progress
 * @param prewarm whether SCF is pre-warmed and since when it has carried no traffic
 */
public record PolicyState(
    Phase phase,
    TrafficSplit split,
    Warmup warmup,
    ChangeHistory history,
    HomeWatch home,
    SpillLevel spill,
    PrewarmHold prewarm) {

  public PolicyState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(spill, "spill");
    Objects.requireNonNull(prewarm, "prewarm");
  }

  /** Cold start: WARMING, holding the split read from the cloud. */
  public static PolicyState initial(TrafficSplit current) {
    return new PolicyState(
        Phase.WARMING,
        current,
        Warmup.NONE,
        ChangeHistory.NONE,
        HomeWatch.NONE,
        SpillLevel.NONE,
        PrewarmHold.NONE);
  }

  PolicyState with(Phase next) {
    return new PolicyState(phase.moveTo(next), split, warmup, history, home, spill, prewarm);
  }

  PolicyState with(TrafficSplit next) {
    return new PolicyState(phase, next, warmup, history, home, spill, prewarm);
  }

  PolicyState with(Warmup next) {
    return new PolicyState(phase, split, next, history, home, spill, prewarm);
  }

  PolicyState with(ChangeHistory next) {
    return new PolicyState(phase, split, warmup, next, home, spill, prewarm);
  }

  PolicyState with(HomeWatch next) {
    return new PolicyState(phase, split, warmup, history, next, spill, prewarm);
  }

  PolicyState with(SpillLevel next) {
    return new PolicyState(phase, split, warmup, history, home, next, prewarm);
  }

  PolicyState with(PrewarmHold next) {
    return new PolicyState(phase, split, warmup, history, home, spill, next);
  }

  /** Counts verdict rounds in which no backend was UNKNOWN, once per round number. */
  public record Warmup(long freshRounds, OptionalLong lastRound) {
    static final Warmup NONE = new Warmup(0, OptionalLong.empty());

    Warmup see(HealthSnapshot health) {
      boolean newRound = lastRound.isEmpty() || lastRound.getAsLong() != health.round();
      if (!newRound) {
        return this;
      }
      long fresh = health.anyUnknown() ? freshRounds : freshRounds + 1;
      return new Warmup(fresh, OptionalLong.of(health.round()));
    }

    boolean done(int required) {
      return freshRounds >= required;
    }
  }

  /**
   * When traffic last moved (by automation or an operator), the direction of the last automatic
   * move, the times of automatic changes of direction (flips) still inside the flap window, and the
   * freeze.
   *
   * @param resumeSeen the operator resume generation already applied
   */
  public record ChangeHistory(
      OptionalLong lastChangeNanos,
      Optional<Backend> lastDirection,
      List<Long> flipTimes,
      boolean frozen,
      long resumeSeen) {
    static final ChangeHistory NONE =
        new ChangeHistory(OptionalLong.empty(), Optional.empty(), List.of(), false, 0);

    public ChangeHistory {
      flipTimes = List.copyOf(flipTimes);
    }

    /** Nanoseconds since the last change, or empty when nothing has moved since start. */
    OptionalLong sinceLastChange(long nowNanos) {
      return lastChangeNanos.isPresent()
          ? OptionalLong.of(nowNanos - lastChangeNanos.getAsLong())
          : OptionalLong.empty();
    }

    int flipsWithin(Duration window, long nowNanos) {
      long windowNanos = window.toNanos();
      return (int) flipTimes.stream().filter(t -> nowNanos - t < windowNanos).count();
    }

    ChangeHistory manualChange(long nowNanos) {
      return new ChangeHistory(
          OptionalLong.of(nowNanos), lastDirection, flipTimes, frozen, resumeSeen);
    }

    ChangeHistory automaticChange(Backend toward, long nowNanos, Duration window) {
      List<Long> flips = new ArrayList<>();
      long windowNanos = window.toNanos();
      for (long t : flipTimes) {
        if (nowNanos - t < windowNanos) {
          flips.add(t);
        }
      }
      if (!lastDirection.equals(Optional.of(toward))) {
        flips.add(nowNanos);
      }
      return new ChangeHistory(
          OptionalLong.of(nowNanos), Optional.of(toward), flips, frozen, resumeSeen);
    }

    ChangeHistory freeze() {
      return new ChangeHistory(lastChangeNanos, lastDirection, flipTimes, true, resumeSeen);
    }

    /** An operator lifted the freeze: the budget starts afresh. */
    ChangeHistory resume(long generation) {
      return new ChangeHistory(lastChangeNanos, Optional.empty(), List.of(), false, generation);
    }
  }

  /**
   * Since when the home backend has been continuously DOWN, or continuously UP. Any other verdict
   * (UNKNOWN included) clears the clock: failover and failback both need an unbroken run.
   */
  public record HomeWatch(OptionalLong downSince, OptionalLong upSince) {
    static final HomeWatch NONE = new HomeWatch(OptionalLong.empty(), OptionalLong.empty());

    HomeWatch see(Verdict verdict, long nowNanos) {
      return new HomeWatch(
          verdict == Verdict.DOWN ? keepOrStart(downSince, nowNanos) : OptionalLong.empty(),
          verdict == Verdict.UP ? keepOrStart(upSince, nowNanos) : OptionalLong.empty());
    }

    long downFor(long nowNanos) {
      return downSince.isPresent() ? nowNanos - downSince.getAsLong() : 0;
    }

    long upFor(long nowNanos) {
      return upSince.isPresent() ? nowNanos - upSince.getAsLong() : 0;
    }
  }

  /** Diversion load spill: the percent currently wanted on SCF and the load run clocks. */
  public record SpillLevel(
      int percent, OptionalLong highSince, OptionalLong lowSince, OptionalLong lastStepNanos) {
    static final SpillLevel NONE =
        new SpillLevel(0, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  /** Whether SCF pre-warm is held, and since when SCF has carried no traffic. */
  public record PrewarmHold(boolean held, OptionalLong scfIdleSince) {
    static final PrewarmHold NONE = new PrewarmHold(false, OptionalLong.empty());

    PrewarmHold see(TrafficSplit split, long nowNanos) {
      return new PrewarmHold(
          held,
          split.routesTo(Backend.SCF) ? OptionalLong.empty() : keepOrStart(scfIdleSince, nowNanos));
    }

    long scfIdleFor(long nowNanos) {
      return scfIdleSince.isPresent() ? nowNanos - scfIdleSince.getAsLong() : 0;
    }
  }

  static OptionalLong keepOrStart(OptionalLong since, long nowNanos) {
    return since.isPresent() ? since : OptionalLong.of(nowNanos);
  }
}
