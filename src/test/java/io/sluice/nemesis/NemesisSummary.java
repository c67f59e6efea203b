package io.sluice.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The table {@code scripts/nemesis} prints after many runs: per nemesis and in total, how many
 * runs, how many of them broke a promise, and the takeover times (fault to the newer epoch's grant,
 * and to the new leader's first cloud write) as min / median / max.
 */
final class NemesisSummary {
  private NemesisSummary() {}

  /** The table of {@code outcomes}, one row per nemesis that ran and a total row. */
  static String table(List<NemesisRun.Outcome> outcomes) {
    Map<String, List<NemesisRun.Outcome>> rows = new TreeMap<>();
    outcomes.forEach(
        o -> rows.computeIfAbsent(o.schedule().nemesis().name(), k -> new ArrayList<>()).add(o));
    rows.put("all", outcomes);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "| %-23s | %4s | %10s | %-28s | %-28s |%n",
            "nemesis",
            "runs",
            "violations",
            "takeover ms min/med/max",
            "first write ms min/med/max"));
    out.append("| --- | --- | --- | --- | --- |\n");
    rows.forEach(
        (name, list) ->
            out.append(
                String.format(
                    "| %-23s | %4d | %10d | %-28s | %-28s |%n",
                    name,
                    list.size(),
                    list.stream().filter(o -> !o.violations().isEmpty()).count(),
                    spread(list.stream().map(NemesisRun.Outcome::takeover).toList()),
                    spread(list.stream().map(NemesisRun.Outcome::firstWrite).toList()))));
    return out.toString();
  }

  /** {@code min / median / max} in milliseconds of the times present; "-" when none is. */
  static String spread(List<Optional<Duration>> times) {
    List<Long> millis =
        times.stream()
            .flatMap(Optional::stream)
            .map(Duration::toMillis)
            .sorted(Comparator.naturalOrder())
            .toList();
    if (millis.isEmpty()) {
      return "-";
    }
    return millis.getFirst()
        + " / "
        + millis.get((millis.size() - 1) / 2)
        + " / "
        + millis.getLast();
  }
}
