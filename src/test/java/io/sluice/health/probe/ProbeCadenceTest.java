package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

final class ProbeCadenceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration FAST = Duration.ofMillis(200);

  @Test
  void spreadsTargetsAddedTogetherOverTheIntervalSoNoTwoFireInTheSameMillisecond() {
    ProbeCadence cadence = new ProbeCadence(INTERVAL, Optional.empty(), 0.1);

    Set<Long> firstMillis = new HashSet<>();
    LongStream.range(0, 50)
        .map(cadence::firstDelayNanos)
        .forEach(
            nanos -> {
              assertThat(nanos).isBetween(0L, INTERVAL.toNanos() - 1);
              firstMillis.add(TimeUnit.NANOSECONDS.toMillis(nanos));
            });

    assertThat(firstMillis).hasSize(50);
  }

  @Test
  void startsAtMostAThousandTargetsAddedTogetherInAnyOneSecond() {
    ProbeCadence cadence = new ProbeCadence(INTERVAL, Optional.empty(), 0.1);
    int targets = 10_000;

    long[] perSecond = new long[targets / ProbeCadence.FIRST_PROBES_PER_SECOND + 1];
    LongStream.range(0, targets)
        .map(cadence::firstDelayNanos)
        .forEach(nanos -> perSecond[(int) TimeUnit.NANOSECONDS.toSeconds(nanos)]++);

    assertThat(perSecond).containsOnly(1_000L, 0L);
    assertThat(perSecond[targets / ProbeCadence.FIRST_PROBES_PER_SECOND]).isZero();
  }

  @Property
  void keepsEveryWaitWithinTheJitterBounds(
      @ForAll @DoubleRange(min = 0, max = 0.5) double jitter, @ForAll @LongRange long seed) {
    ProbeCadence cadence = new ProbeCadence(INTERVAL, Optional.of(FAST), jitter);
    SplittableRandom random = new SplittableRandom(seed);

    long steady = cadence.nextDelayNanos(false, random);
    long fast = cadence.nextDelayNanos(true, random);

    assertThat(steady).isBetween(scaled(INTERVAL, 1 - jitter), scaled(INTERVAL, 1 + jitter));
    assertThat(fast).isBetween(scaled(FAST, 1 - jitter), scaled(FAST, 1 + jitter));
  }

  @Test
  void usesTheFastIntervalOnlyWhileTheCheckIsChangingState() {
    ProbeCadence cadence = new ProbeCadence(INTERVAL, Optional.of(FAST), 0);

    assertThat(cadence.nextDelayNanos(true, new SplittableRandom(1))).isEqualTo(FAST.toNanos());
    assertThat(cadence.nextDelayNanos(false, new SplittableRandom(1)))
        .isEqualTo(INTERVAL.toNanos());
  }

  @Test
  void staysOnTheIntervalWhileChangingStateWhenThereIsNoFastInterval() {
    ProbeCadence cadence = new ProbeCadence(INTERVAL, Optional.empty(), 0);

    assertThat(cadence.nextDelayNanos(true, new SplittableRandom(1))).isEqualTo(INTERVAL.toNanos());
  }

  private static long scaled(Duration duration, double factor) {
    return (long) Math.floor(duration.toNanos() * factor);
  }
}
