package io.sluice.nemesis;

import java.util.List;
import java.util.Objects;

/**
 * One broken promise the checker found, with the entries that show it.
 *
 * @param property which check: {@code write-after-newer-epoch}, {@code routes-nowhere}, {@code
 *     override-lost}, {@code not-converged}
 * @param entries the log entries that show it (writes, epoch grants, routing changes, overrides)
 */
record Violation(String property, String message, List<Object> entries) {
  Violation {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(message, "message");
    entries = List.copyOf(entries);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(property).append(": ").append(message);
    entries.forEach(e -> out.append("\n    ").append(e));
    return out.toString();
  }
}
