package io.sluice.controller.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One line of the {@link IntentJournal}, such as {@code {"seq":7,"at":"2026-11-24T07:30:01Z",
 * "route":"shop","type":"STEP","fields":{"action":"RegisterFunctionTargets",...}}}.
 *
 * @param seq increasing within one journal file
 * @param at wall time, for people (ordering uses {@code seq})
 * @param route the failover service or diverted domain
 */
public record JournalEntry(
    long seq, Instant at, String route, Type type, Map<String, String> fields) {
  public enum Type {
    /** The route is about to move: fields desired, reason. */
    INTENT,
    /** A cloud write is about to be made: fields action, target, value. */
    STEP,
    /** A cloud write's outcome: fields action, target, requestId, outcome. */
    STEP_DONE,
    /** How the intent ended: fields outcome, after. */
    OUTCOME
  }

  public JournalEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(type, "type");
    fields = new TreeMap<>(fields);
  }

  public String field(String name) {
    return fields.getOrDefault(name, "");
  }
}
