package io.sluice.sandbox.dataplane.cvm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an emulated CVM's web server behaves, one value per failure mode a failover controller must
 * tell apart: refused connections, silence, server errors and slowness look different on the wire.
 */
public sealed interface InstanceBehaviour {

  /** Answers 200; with no body given it names the instance and counts requests. */
  record Serving(Optional<String> body) implements InstanceBehaviour {
    public Serving {
      Objects.requireNonNull(body, "body");
    }

    public static Serving withDefaultBody() {
      return new Serving(Optional.empty());
    }
  }

  /** The instance is stopped: its port is closed and connections are refused. */
  record Stopped() implements InstanceBehaviour {}

  /** Accepts connections and reads requests but never answers. */
  record Hung() implements InstanceBehaviour {}

  /** Answers every request with this status, e.g. 503. */
  record Broken(int status) implements InstanceBehaviour {}

  /** Serves normally after this delay. */
  record Slow(Duration delay) implements InstanceBehaviour {
    public Slow {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * Answers 200 and then sends one small chunk every {@code every}, never finishing: a response
   * that is never idle yet never ends, which only a deadline on the whole exchange catches.
   */
  record Trickling(Duration every) implements InstanceBehaviour {
    public Trickling {
      if (every == null || every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("every: must be positive, got " + every);
      }
    }
  }
}
