package io.sluice.health.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When a target's probes fire, as a pure function of its spec, the target's slot and a random draw.
 * Targets added together start at offsets spread over the interval by the golden ratio, and every
 * wait is jittered, so that a thousand targets never probe in the same millisecond (the thundering
 * herd that makes a prober late, and a late prober report false outages).
 */
public record ProbeCadence(
    Duration interval, Optional<Duration> fastInterval, double jitterFraction) {
  private static final double GOLDEN_FRACTION = (Math.sqrt(5) - 1) / 2;

  /** At most this many targets added together probe for the first time in any one second. */
  static final int FIRST_PROBES_PER_SECOND = 1_000;

  public ProbeCadence {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(fastInterval, "fastInterval");
  }

  public static ProbeCadence of(ProbeSpec spec) {
    return new ProbeCadence(spec.interval(), spec.fastInterval(), spec.jitterFraction());
  }

  /**
   * How long after being added the target in {@code slot} (0, 1, 2…) first fires: spread over the
   * interval, and each further {@link #FIRST_PROBES_PER_SECOND} slots a second later. A first probe
   * opens a connection, many times the work of a probe on a kept-alive one; ten thousand of them in
   * one second swamped the prober until their timeouts fired falsely.
   */
  public long firstDelayNanos(long slot) {
    double fraction = (slot * GOLDEN_FRACTION) % 1.0;
    return (long) (fraction * interval.toNanos())
        + TimeUnit.SECONDS.toNanos(slot / FIRST_PROBES_PER_SECOND);
  }

  /**
   * The wait until the next probe: the fast interval while the check is changing state (so the fall
   * or rise count is reached sooner), the interval otherwise, times a factor drawn from {@code [1 -
   * jitterFraction, 1 + jitterFraction]}.
   */
  public long nextDelayNanos(boolean transitioning, RandomGenerator random) {
    Duration base = transitioning ? fastInterval.orElse(interval) : interval;
    double factor = 1 + jitterFraction * (2 * random.nextDouble() - 1);
    return (long) (base.toNanos() * factor);
  }
}
