package io.sluice.health;

import java.time.Duration;
import java.util.Objects;

/**
 * What one probe or cloud-signal read found, in three states. {@link Inconclusive} exists so that a
 * probe that could not measure never reads as a backend failure: blackbox_exporter on a CPU-starved
 * host reports false failures, and a throttled cloud API says nothing about the backend.
 */
public sealed interface ProbeOutcome {

  /** A short text for logs and the explain API, such as {@code DOWN CONNECTION_REFUSED: ...}. */
  String describe();

  /** The backend answered as expected. */
  record Up(Duration latency) implements ProbeOutcome {
    public Up {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency: must be zero or more, got " + latency);
      }
    }

    @Override
    public String describe() {
      return "UP in " + latency.toMillis() + " ms";
    }
  }

  /** The backend did not answer as expected. */
  record Down(DownReason reason, String detail) implements ProbeOutcome {
    public Down {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String describe() {
      return withDetail("DOWN " + reason, detail);
    }
  }

  /** The probe could not measure; the backend may be up or down. */
  record Inconclusive(InconclusiveCause cause, String detail) implements ProbeOutcome {
    public Inconclusive {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String describe() {
      return withDetail("INCONCLUSIVE " + cause, detail);
    }
  }

  private static String withDetail(String head, String detail) {
    return detail.isEmpty() ? head : head + ": " + detail;
  }
}
