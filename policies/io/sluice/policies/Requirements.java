package io.sluice.policies;

import java.time.Duration;
import java.util.List;

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

  /** Percent steps: not empty, rising strictly within 1-100, ending at 100. */
  static List<Integer> percentSteps(String field, List<Integer> steps) {
    List<Integer> copy = List.copyOf(steps);
    check(!copy.isEmpty(), field + ": must not be empty");
    int previous = 0;
    for (int step : copy) {
      check(
          step > previous && step <= 100, field + ": must rise strictly within 1-100, got " + copy);
      previous = step;
    }
    check(previous == 100, field + ": must end at 100, got " + copy);
    return copy;
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
