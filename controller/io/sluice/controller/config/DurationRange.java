package io.sluice.controller.config;

import io.sluice.policies.Durations;
import java.time.Duration;

/**
 * An inclusive range a duration setting must fall in, reported as {@code must be MIN-MAX, got V}.
 */
record DurationRange(Duration min, Duration max) {
  /** Reports {@code value} at {@code at} when it is outside the range; nothing when it is null. */
  void check(Problems problems, Duration value, ConfigPath at) {
    if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
      problems.at(
          at,
          "must be "
              + Durations.format(min)
              + "-"
              + Durations.format(max)
              + ", got "
              + Durations.format(value));
    }
  }
}
