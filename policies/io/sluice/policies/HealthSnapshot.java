package io.sluice.policies;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the policy knows about the world at one moment.
 *
 * @param cvm the CVM backend's verdict
 * @param scf the SCF backend's verdict
 * @param round the number of the verdict round this snapshot belongs to; a new number means fresh
 *     verdicts (used to count the rounds seen during WARMING)
 * @param cvmLoad the CVM load signal that diversion spill watches (p95 latency, 5xx rate...), in
 *     the unit its threshold is configured in; empty when there is no measurement
 * @param wallClock calendar time, used only to match scheduled diversion windows; all intervals use
 *     the monotonic {@code nowNanos} given to {@link Policy#decide}
 */
public record HealthSnapshot(
    Verdict cvm, Verdict scf, long round, OptionalDouble cvmLoad, Instant wallClock) {

  public HealthSnapshot {
    Objects.requireNonNull(cvm, "cvm");
    Objects.requireNonNull(scf, "scf");
    Objects.requireNonNull(cvmLoad, "cvmLoad");
    Objects.requireNonNull(wallClock, "wallClock");
  }

  public static HealthSnapshot of(Verdict cvm, Verdict scf, long round, Instant wallClock) {
    return new HealthSnapshot(cvm, scf, round, OptionalDouble.empty(), wallClock);
  }

  public Verdict verdict(Backend backend) {
    return backend == Backend.CVM ? cvm : scf;
  }

  public boolean isDown(Backend backend) {
    return verdict(backend) == Verdict.DOWN;
  }

  public boolean isUp(Backend backend) {
    return verdict(backend) == Verdict.UP;
  }

  public boolean anyUnknown() {
    return cvm == Verdict.UNKNOWN || scf == Verdict.UNKNOWN;
  }

  public boolean anyDown() {
    return cvm == Verdict.DOWN || scf == Verdict.DOWN;
  }

  public boolean bothDown() {
    return cvm == Verdict.DOWN && scf == Verdict.DOWN;
  }
}
