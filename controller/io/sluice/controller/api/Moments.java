package io.sluice.controller.api;

import io.sluice.policies.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a moment from a query: an ISO-8601 instant or offset time, or a duration ago (5m). */
final class Moments {
  private Moments() {}

  static Optional<Instant> parse(String field, String text, Clock wall) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    if (text.matches(Durations.PATTERN)) {
      return Optional.of(wall.instant().minus(Durations.parse(text)));
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
