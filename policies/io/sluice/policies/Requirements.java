package io.sluice.policies;

import java.time.Duration;

/** Argument checks shared by the settings records; each message names the field and the value. */
final class Requirements {
  private Requirements() {}

  static Duration nonNegative(String field, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(field + ": must be zero or more, got " + value);
    }
    return atMostMax(field, value);
  }

  static Duration positive(String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + ": must be more than zero, got " + value);
    }
    return atMostMax(field, value);
  }

  private static Duration atMostMax(String field, Duration value) {
    if (value.compareTo(Durations.MAX) > 0) {
      throw new IllegalArgumentException(
          field + ": must be at most " + Durations.format(Durations.MAX) + ", got " + value);
    }
    return value;
  }

  static int inRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + ": must be " + min + "-" + max + ", got " + value);
    }
    return value;
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
