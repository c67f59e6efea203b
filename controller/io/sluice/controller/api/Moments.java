package io.sluice.controller.api;

import io.sluice.policies.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a moment from a query (an ISO-8601 instant or offset time, or a duration ago such as 5m)
 * and a duration; a value that cannot be one is a 400 problem naming the field, never a 500.
 */
final class Moments {
  private Moments() {}

  /**
   * A duration such as {@code 30m}, or a 400 problem naming {@code field} and what is wrong (too
   * long, too large a number, no unit...).
   */
  private static Duration duration(String field, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.badRequest(
              field,
              "a duration of at most " + Durations.format(Durations.MAX),
              field + ": " + e.getMessage()));
    }
  }

  static Optional<Instant> parse(String field, String text, Clock wall) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    if (text.matches(Durations.PATTERN)) {
      return Optional.of(wall.instant().minus(duration(field, text)));
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          Problem.badRequest(
              field,
              "ISO-8601 time or duration ago",
              field
                  + ": must be a time such as 2026-11-24T10:15:00Z or a duration ago such as 5m,"
                  + " got '"
                  + text
                  + "'"));
    }
  }
}
