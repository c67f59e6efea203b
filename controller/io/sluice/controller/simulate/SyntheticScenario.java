package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * Synthetic faults layered on a world, written on the command line:
 *
 * <ul>
 *   <li>{@code outage:30s} (or {@code outage:30s@2m}): the target backend is down for 30 s, from
 *       {@link #DEFAULT_START} (or the time after {@code @});
 *   <li>{@code flap:4s/4s} (or {@code flap:4s/4s@2m}): from the start on, the target is down 4 s,
 *       up 4 s, again and again;
 *   <li>{@code loss:0.2}: every probe of either backend is lost with probability 0.2 (a read
 *       timeout), independently, although the backends work.
 * </ul>
 */
sealed interface SyntheticScenario {
  Duration DEFAULT_START = Duration.ofSeconds(60);
  String SYNTAX = "must be outage:30s[@60s], flap:4s/4s[@60s] or loss:0.2";

  /** The world with this fault added; {@code target} is the backend outages and flaps hit. */
  World applyTo(World base, Backend target, RandomGenerator random);

  record Outage(Duration length, Duration start) implements SyntheticScenario {
    @Override
    public World applyTo(World base, Backend target, RandomGenerator random) {
      return new Downtime(base, target, "simulated outage") {
        @Override
        boolean down(Duration at) {
          return at.compareTo(start) >= 0 && at.compareTo(start.plus(length)) < 0;
        }
      };
    }
  }

  record Flap(Duration downFor, Duration upFor, Duration start) implements SyntheticScenario {
    @Override
    public World applyTo(World base, Backend target, RandomGenerator random) {
      long period = downFor.plus(upFor).toNanos();
      return new Downtime(base, target, "simulated flapping") {
        @Override
        boolean down(Duration at) {
          return at.compareTo(start) >= 0 && at.minus(start).toNanos() % period < downFor.toNanos();
        }
      };
    }
  }

  record Loss(double rate) implements SyntheticScenario {
    @Override
    public World applyTo(World base, Backend target, RandomGenerator random) {
      return new World() {
        @Override
        public Sample sample(Backend backend, String check, String vantage, Duration at) {
          Sample real = base.sample(backend, check, vantage, at);
          return random.nextDouble() < rate
              ? new Sample(Sample.Kind.DOWN, "simulated loss (read timeout)")
              : real;
        }

        @Override
        public boolean healthy(Backend backend, Duration at) {
          return base.healthy(backend, at);
        }

        @Override
        public OptionalDouble cvmLoad(Duration at) {
          return base.cvmLoad(at);
        }
      };
    }
  }

  /**
   * Reads one scenario.
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  static SyntheticScenario parse(String spec) {
    String[] kindAndArgs = spec.split(":", 2);
    if (kindAndArgs.length != 2) {
      throw new IllegalArgumentException(SYNTAX + ", got '" + spec + "'");
    }
    String[] argsAndStart = kindAndArgs[1].split("@", 2);
    String args = argsAndStart[0];
    try {
      Duration start = argsAndStart.length == 2 ? Durations.parse(argsAndStart[1]) : DEFAULT_START;
      return switch (kindAndArgs[0]) {
        case "outage" -> new Outage(Durations.parse(args), start);
        case "flap" -> {
          String[] downUp = args.split("/", -1);
          if (downUp.length != 2) {
            throw new IllegalArgumentException("flap takes down/up, like flap:4s/4s");
          }
          yield new Flap(Durations.parse(downUp[0]), Durations.parse(downUp[1]), start);
        }
        case "loss" -> {
          double rate = Double.parseDouble(args);
          if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("loss rate must be between 0 and 1");
          }
          yield new Loss(rate);
        }
        default -> throw new IllegalArgumentException("unknown scenario '" + kindAndArgs[0] + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SYNTAX + ", got '" + spec + "' (" + e.getMessage() + ")", e);
    }
  }
}
