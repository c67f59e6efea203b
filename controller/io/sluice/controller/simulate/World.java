package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The simulated ground truth: what each probe would see, whether each backend really works, and the
 * CVM load, at a time measured from the start of the simulation.
 */
interface World {

  /** What one probe of {@code check} from {@code vantage} observes at {@code at}. */
  Sample sample(Backend backend, String check, String vantage, Duration at);

  /** Whether the backend really serves requests at {@code at} (for the summary, not the policy). */
  boolean healthy(Backend backend, Duration at);

  /** The CVM load signal at {@code at}, if any. */
  OptionalDouble cvmLoad(Duration at);

  /** One probe's observation. */
  record Sample(Kind kind, String detail) {
    static final Sample UP = new Sample(Kind.UP, "ok");

    enum Kind {
      UP,
      DOWN,
      INCONCLUSIVE
    }
  }

  /** Everything works and there is no load signal. */
  World ALL_UP =
      new World() {
        @Override
        public Sample sample(Backend backend, String check, String vantage, Duration at) {
          return Sample.UP;
        }

        @Override
        public boolean healthy(Backend backend, Duration at) {
          return true;
        }

        @Override
        public OptionalDouble cvmLoad(Duration at) {
          return OptionalDouble.empty();
        }
      };
}
