package io.sluice.controller.simulate;

import io.sluice.policies.Decision;
import io.sluice.policies.Durations;
import io.sluice.policies.Phase;
import io.sluice.policies.Reason;
import io.sluice.policies.SideAction;
import io.sluice.policies.Verdict;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a route's decisions as people read them: the time from the start and on the clock of the
 * config's zone, the phase, the split, the verdicts (U up, D down, ? unknown), the reason (its
 * calendar times in the same zone) and any pre-warm the decision asks for or releases.
 */
final class DecisionPrinter {
  static final String LEGEND = "verdicts cvm/scf: U up, D down, ? unknown";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter CALENDAR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final PrintWriter out;
  private final Instant wallStart;
  private final ZoneId zone;
  private final boolean all;
  private final Optional<Duration> prewarmWaitFor;

  /**
   * @param prewarmWaitFor how long a real shift waits for a pre-warm; empty without one
   * @param all print every decision, not only those that change the split or the phase or ask for a
   *     pre-warm
   */
  DecisionPrinter(
      PrintWriter out,
      Instant wallStart,
      ZoneId zone,
      boolean all,
      Optional<Duration> prewarmWaitFor) {
    this.out = out;
    this.wallStart = wallStart;
    this.zone = zone;
    this.all = all;
    this.prewarmWaitFor = prewarmWaitFor;
  }

  void print(String route, List<Tick> ticks, boolean showRoute) {
    Phase lastPhase = null;
    for (Tick t : ticks) {
      Decision d = t.decision();
      if (all || t.changed() || d.phase() != lastPhase || !d.sideActions().isEmpty()) {
        out.printf(
            "%10s  %s  %s%-12s %-15s %-6s %s%s%n",
            Durations.format(t.at()),
            CLOCK.format(wallStart.plus(t.at()).atZone(zone)),
            showRoute ? route + "  " : "",
            d.phase(),
            d.split(),
            verdict(t.cvm()) + "/" + verdict(t.scf()),
            reason(d.reason()),
            sideActions(d.sideActions()));
      }
      lastPhase = d.phase();
    }
  }

  /** {@code U}, {@code D} or {@code ?}: UP and UNKNOWN must not read alike. */
  static String verdict(Verdict v) {
    return switch (v) {
      case UP -> "U";
      case DOWN -> "D";
      case UNKNOWN -> "?";
    };
  }

  /** A calendar time in the zone, as the config writes them. */
  String calendar(Instant at) {
    return CALENDAR.format(at.atZone(zone));
  }

  /** The reason with each of its calendar times in the zone instead of UTC. */
  private String reason(Reason reason) {
    Map<String, String> inputs = new LinkedHashMap<>();
    reason.inputs().forEach((name, value) -> inputs.put(name, inZone(value)));
    return new Reason(reason.rule(), reason.text(), inputs).toString();
  }

  private String inZone(String value) {
    try {
      return calendar(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  private String sideActions(List<SideAction> actions) {
    return actions.stream()
        .map(
            action ->
                switch (action) {
                  case SideAction.PrewarmScf p ->
                      "; pre-warm of scf asked, taken as ready at once here"
                          + prewarmWaitFor
                              .map(
                                  w ->
                                      " (a real one may take up to waitFor, "
                                          + Durations.format(w)
                                          + ")")
                              .orElse("");
                  case SideAction.ReleasePrewarm r -> "; pre-warm of scf released";
                })
        .collect(Collectors.joining());
  }
}
