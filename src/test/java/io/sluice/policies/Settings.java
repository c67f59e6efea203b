package io.sluice.policies;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings used across the policy tests, with the numbers written out where they matter. */
final class Settings {
  private Settings() {}

  static final Duration DWELL = Duration.ofSeconds(30);

  static Safeguards guards(int maxTransitions) {
    return new Safeguards(DWELL, new FlapBudget(maxTransitions, Duration.ofHours(1)), 2, false);
  }

  static FailoverSettings failover(Duration confirmFor) {
    return new FailoverSettings(
        Backend.CVM,
        confirmFor,
        new FailoverSettings.Failback(
            Duration.ofMinutes(2), List.of(10, 50, 100), Duration.ofSeconds(30)),
        guards(4),
        Optional.empty());
  }

  static FailoverSettings failover() {
    return failover(Duration.ofSeconds(5));
  }
}
