package io.sluice.nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One nemesis run's plan: which fault, at which moment of the traffic change, and its knobs. The
 * moment is counted in the failover's cloud writes: with {@code writesBefore} 0 the fault comes
 * first and the CVM instances stop during it; with k it comes once the failover made its k-th
 * write, mid-plan. Drawn from a seed ({@link #random}), so a failed run is repeated from its line.
 *
 * @param clockOffset how far {@link Nemesis#JUMP_CLOCK} moves the wall clock
 * @param onLeader for the clock jump: the leader's clock, else a follower's
 * @param latency how late {@link Nemesis#SLOW_CLOUD_HANDOVER} makes every cloud answer
 */
record Schedule(
    Nemesis nemesis,
    int writesBefore,
    Duration clockOffset,
    boolean onLeader,
    Duration latency,
    long seed) {
  /**
   * A failover's writes in this world: the function registered, the instances deregistered, the SCF
   * record's weight, the SCF record enabled, the CVM record disabled.
   */
  static final int FAILOVER_WRITES = 5;

  Schedule {
    Objects.requireNonNull(nemesis, "nemesis");
    Objects.requireNonNull(clockOffset, "clockOffset");
    Objects.requireNonNull(latency, "latency");
  }

  /** The plan a test names outright: the fault first, then the traffic change. */
  static Schedule of(Nemesis nemesis) {
    return new Schedule(
        nemesis, 0, Duration.ofMinutes(10), true, Duration.ofMillis(1500), nemesis.ordinal());
  }

  /** A plan drawn from {@code seed} among {@code nemeses}. */
  static Schedule random(long seed, List<Nemesis> nemeses) {
    SplittableRandom random = new SplittableRandom(seed);
    return new Schedule(
        nemeses.get(random.nextInt(nemeses.size())),
        random.nextInt(FAILOVER_WRITES),
        Duration.ofMinutes(random.nextBoolean() ? 10 : -10),
        random.nextBoolean(),
        Duration.ofMillis(500 + random.nextInt(2000)),
        seed);
  }

  @Override
  public String toString() {
    return nemesis
        + " after "
        + writesBefore
        + " write(s)"
        + switch (nemesis) {
          case JUMP_CLOCK -> " by " + clockOffset + " on the " + (onLeader ? "leader" : "follower");
          case SLOW_CLOUD_HANDOVER -> " with " + latency.toMillis() + " ms per call";
          default -> "";
        }
        + " (seed "
        + seed
        + ")";
  }
}
