package io.sluice.controller.config;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Timestamps as config files write them: ISO-8601 with an offset, seconds optional. */
final class Timestamps {
  static final String PATTERN =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$";

  private Timestamps() {}

  /**
   * Reads {@code 2026-11-11T19:55+08:00}.
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  static OffsetDateTime parse(String text) {
    try {
      return OffsetDateTime.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 time with an offset, like 2026-11-11T19:55+08:00, got '"
              + text
              + "'");
    }
  }
}
