package io.sluice.policies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;

/**
 * What a policy keeps between decisions. Immutable; each {@link Policy#decide} returns a new one.
 *
 * @param phase the phase reported by the last decision
 * @param split the split the policy last decided (what it believes the route carries)
 * @param warmup verdict rounds seen since start
 * @param history when and in which direction traffic last moved, and the freeze
 * @param home how long the failover primary has been DOWN, and the failback wait's clock
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

  /**
   * This state with the SCF pre-warm held, for a start that found provisioned concurrency an
   * earlier run left in place: it is released, like one this run asked for, once SCF has carried no
   * traffic for {@code releaseAfter}.
   */
  public PolicyState withPrewarmFound() {
    return with(new PrewarmHold(true, OptionalLong.empty()));
  }

  /**
   * What another replica needs to go on from this state: everything but the verdict round last seen
   * (round numbers are the deciding replica's own), with every monotonic instant turned into a time
   * on a clock the replicas share by {@code toShared} (the group's clock, in milliseconds).
   * Durations, such as the failback wait's blips, are kept as they are.
   */
  public Snapshot snapshot(LongUnaryOperator toShared) {
    PolicyState shared = retimed(toShared);
    return new Snapshot(
        phase,
        split,
        warmup.freshRounds(),
        shared.history,
        shared.home,
        shared.spill,
        shared.prewarm);
  }

  /**
   * The state {@code snapshot} was taken of, on this replica's monotonic clock: {@code toLocal}
   * maps a shared time back to it (the inverse of the snapshot's {@code toShared}, up to the shared
   * clock's resolution). Decisions from it are the ones the snapshot's replica would have made.
   */
  public static PolicyState restore(Snapshot snapshot, LongUnaryOperator toLocal) {
    return new PolicyState(
            snapshot.phase(),
            snapshot.split(),
            new Warmup(snapshot.freshRounds(), OptionalLong.empty()),
            snapshot.history(),
            snapshot.home(),
            snapshot.spill(),
            snapshot.prewarm())
        .retimed(toLocal);
  }

  /**
   * A policy state as carried between replicas: the parts of {@link PolicyState} whose instants
   * ({@code lastChangeNanos}, each flip's {@code atNanos}, the yielded override's expiry, {@code
   * downSince}, {@code upSince}, the spill's and pre-warm's clocks) are times on the shared clock
   * rather than monotonic nanoseconds; {@code pausedNanos} stays a duration.
   *
   * @param freshRounds the verdict rounds the warm-up has counted
   */
  public record Snapshot(
      Phase phase,
      TrafficSplit split,
      long freshRounds,
      ChangeHistory history,
      HomeWatch home,
      SpillLevel spill,
      PrewarmHold prewarm) {
    public Snapshot {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(history, "history");
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(spill, "spill");
      Objects.requireNonNull(prewarm, "prewarm");
    }
  }

  /** This state with every monotonic instant passed through {@code instant}. */
  private PolicyState retimed(LongUnaryOperator instant) {
    ChangeHistory h = history;
    return new PolicyState(
        phase,
        split,
        warmup,
        new ChangeHistory(
            map(h.lastChangeNanos(), instant),
            h.lastDirection(),
            h.flips().stream()
                .map(f -> new Flip(instant.applyAsLong(f.atNanos()), f.toward()))
                .toList(),
            h.frozen(),
            h.resumeSeen(),
            h.yielded()
                .map(
                    o ->
                        new OperatorOverride(
                            o.action(),
                            o.actor(),
                            o.reason(),
                            instant.applyAsLong(o.expiresAtNanos()),
                            o.forced()))),
        new HomeWatch(
            map(home.downSince(), instant), map(home.upSince(), instant), home.pausedNanos()),
        new SpillLevel(
            spill.percent(),
            map(spill.highSince(), instant),
            map(spill.lowSince(), instant),
            map(spill.lastStepNanos(), instant)),
        new PrewarmHold(prewarm.held(), map(prewarm.scfIdleSince(), instant)));
  }

  private static OptionalLong map(OptionalLong at, LongUnaryOperator instant) {
    return at.isPresent() ? OptionalLong.of(instant.applyAsLong(at.getAsLong())) : at;
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

  /**
   * Counts verdict rounds in which at least one backend's verdict was known, once per round number:
   * a standby that stays silent must not keep the route in WARMING while its primary is DOWN.
   */
  public record Warmup(long freshRounds, OptionalLong lastRound) {
    static final Warmup NONE = new Warmup(0, OptionalLong.empty());

    Warmup see(HealthSnapshot health) {
      boolean newRound = lastRound.isEmpty() || lastRound.getAsLong() != health.round();
      if (!newRound) {
        return this;
      }
      boolean known = health.cvm() != Verdict.UNKNOWN || health.scf() != Verdict.UNKNOWN;
      long fresh = known ? freshRounds + 1 : freshRounds;
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
   * @param yielded the override whose split was last set aside for safety, if any
   */
  public record ChangeHistory(
      OptionalLong lastChangeNanos,
      Optional<Backend> lastDirection,
      List<Flip> flips,
      boolean frozen,
      long resumeSeen,
      Optional<OperatorOverride> yielded) {
    static final ChangeHistory NONE =
        new ChangeHistory(
            OptionalLong.empty(), Optional.empty(), List.of(), false, 0, Optional.empty());

    public ChangeHistory {
      flips = List.copyOf(flips);
    }

    /** Nanoseconds since the last change, or empty when nothing has moved since start. */
    OptionalLong sinceLastChange(long nowNanos) {
      return lastChangeNanos.isPresent()
          ? OptionalLong.of(nowNanos - lastChangeNanos.getAsLong())
          : OptionalLong.empty();
    }

    int flipsWithin(Duration window, long nowNanos) {
      return (int) flips.stream().filter(f -> f.within(window, nowNanos)).count();
    }

    /** Changes of direction toward {@code backend} inside the window. */
    int flipsTowardWithin(Backend backend, Duration window, long nowNanos) {
      return (int)
          flips.stream().filter(f -> f.toward() == backend && f.within(window, nowNanos)).count();
    }

    ChangeHistory manualChange(long nowNanos) {
      return new ChangeHistory(
          OptionalLong.of(nowNanos), lastDirection, flips, frozen, resumeSeen, Optional.empty());
    }

    /** Traffic left an override's split for safety; returning to it will wait out the dwell. */
    ChangeHistory yieldedFrom(OperatorOverride override, long nowNanos) {
      return new ChangeHistory(
          OptionalLong.of(nowNanos),
          lastDirection,
          flips,
          frozen,
          resumeSeen,
          Optional.of(override));
    }

    ChangeHistory automaticChange(Backend toward, long nowNanos, Duration window) {
      List<Flip> kept = new ArrayList<>();
      for (Flip f : flips) {
        if (f.within(window, nowNanos)) {
          kept.add(f);
        }
      }
      if (!lastDirection.equals(Optional.of(toward))) {
        kept.add(new Flip(nowNanos, toward));
      }
      return new ChangeHistory(
          OptionalLong.of(nowNanos), Optional.of(toward), kept, frozen, resumeSeen, yielded);
    }

    ChangeHistory freeze() {
      return new ChangeHistory(lastChangeNanos, lastDirection, flips, true, resumeSeen, yielded);
    }

    /** An operator lifted the freeze: the budget starts afresh. */
    ChangeHistory resume(long generation) {
      return new ChangeHistory(
          lastChangeNanos, Optional.empty(), List.of(), false, generation, yielded);
    }
  }

  /** An automatic change of direction: when, and toward which backend traffic moved. */
  public record Flip(long atNanos, Backend toward) {
    boolean within(Duration window, long nowNanos) {
      return nowNanos - atNanos < window.toNanos();
    }
  }

  /**
   * The failover primary's DOWN run and the failback wait's clock.
   *
   * <p>{@code downSince}: since when the primary has been DOWN. An UP verdict ends the run; UNKNOWN
   * says nothing about the backend, so it does not (a throttled cloud API must not keep restarting
   * {@code confirmFor}).
   *
   * <p>{@code upSince}: since when the failback wait has run. A DOWN restarts it only once it is
   * confirmed, that is seen DOWN {@code restartsTheWait} after its run began ({@link
   * FailoverSettings#restartsTheWait}). A shorter DOWN, a blip, pauses it: {@code pausedNanos} adds
   * up the blips, which {@link #upFor} leaves out, so a primary that keeps crashing for a few
   * seconds at a time is not taken for one that stays UP. UNKNOWN restarts the wait, because a
   * failback needs UP verdicts for the whole of it.
   */
  public record HomeWatch(OptionalLong downSince, OptionalLong upSince, long pausedNanos) {
    static final HomeWatch NONE = new HomeWatch(OptionalLong.empty(), OptionalLong.empty(), 0);

    HomeWatch see(Verdict verdict, Duration restartsTheWait, long nowNanos) {
      return switch (verdict) {
        case UP ->
            upSince.isEmpty()
                ? new HomeWatch(OptionalLong.empty(), OptionalLong.of(nowNanos), 0)
                // a blip just ended: the time it lasted is not counted as UP
                : new HomeWatch(OptionalLong.empty(), upSince, pausedNanos + downFor(nowNanos));
        case UNKNOWN -> new HomeWatch(downSince, OptionalLong.empty(), 0);
        case DOWN -> {
          HomeWatch down = new HomeWatch(keepOrStart(downSince, nowNanos), upSince, pausedNanos);
          yield down.downFor(nowNanos) >= restartsTheWait.toNanos()
              ? new HomeWatch(down.downSince, OptionalLong.empty(), 0)
              : down;
        }
      };
    }

    long downFor(long nowNanos) {
      return downSince.isPresent() ? nowNanos - downSince.getAsLong() : 0;
    }

    /** How long the primary has been UP since the wait began, blips (and one going on) left out. */
    long upFor(long nowNanos) {
      return upSince.isPresent()
          ? nowNanos - upSince.getAsLong() - pausedNanos - downFor(nowNanos)
          : 0;
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
