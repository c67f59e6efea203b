package io.sluice.controller.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.reconcile.MoveCheck;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.health.signal.RuleLoad;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each applied change of each route with a {@link MoveCheck} against Cloud Monitor's
 * figures (where the config reads them: {@code signals.load}), and reports each outcome as a meter
 * and a log line. "Switched but not moved" is retried once: a WARN, then the route re-reads the
 * cloud and re-applies its plan, and a new window opens. Not moved again, it is escalated: an ERROR
 * for a person to act on, {@code outcome=escalated}, and an entry in {@link #escalations()} (shown
 * by {@code /readyz}) until the route's next change or requests reach the backend after all. Runs
 * on the daemon's context, from the tick loop.
 */
final class MoveVerifications {
  private static final Logger LOG = LoggerFactory.getLogger(MoveVerifications.class);
  private static final String ESCALATED = "escalated";

  private final BiFunction<String, Backend, Optional<RuleLoad>> loads;
  private final MeterRegistry registry;
  private final Map<RouteReconciler, Long> seen = new HashMap<>();
  private final Map<RouteReconciler, MoveCheck> pending = new HashMap<>();
  private final Map<RouteReconciler, String> escalated = new LinkedHashMap<>();
  // the figures held when a window ended without requests, and until when to wait for newer ones
  private final Map<RouteReconciler, HeldFigures> staleAtWindowEnd = new HashMap<>();

  /**
   * @param loads the latest Cloud Monitor figures for a service's backend ({@link
   *     HealthMonitor#load})
   */
  MoveVerifications(BiFunction<String, Backend, Optional<RuleLoad>> loads, MeterRegistry registry) {
    this.loads = loads;
    this.registry = registry;
  }

  /** Starts a check for a new change of {@code route}, and judges the one pending. */
  void follow(RouteReconciler route, Instant now) {
    if (!seen.containsKey(route)) {
      // every outcome from zero, so that the first "not moved" is an increase alert rules see
      for (MoveCheck.Outcome outcome : MoveCheck.Outcome.values()) {
        counter(route, outcome.name().toLowerCase(Locale.ROOT));
      }
      counter(route, ESCALATED);
      seen.put(route, 0L);
    }
    route
        .lastChange()
        .filter(change -> change.seq() > seen.getOrDefault(route, 0L))
        .ifPresent(
            change -> {
              seen.put(route, change.seq());
              escalated.remove(route);
              staleAtWindowEnd.remove(route);
              MoveCheck.after(now, change.from(), change.to())
                  .filter(check -> route.shiftsDnsWeights())
                  .ifPresentOrElse(check -> pending.put(route, check), () -> pending.remove(route));
            });
    MoveCheck check = pending.get(route);
    if (check == null) {
      return;
    }
    Optional<RuleLoad> latest = loads.apply(route.service(), check.gaining());
    Optional<MoveCheck.Outcome> outcome = check.judge(latest, now);
    if (outcome.isPresent()
        && outcome.get() != MoveCheck.Outcome.MOVED
        && stale(route, latest, now)) {
      return;
    }
    outcome.ifPresent(
        result -> {
          pending.remove(route);
          staleAtWindowEnd.remove(route);
          report(route, check, result);
          if (result == MoveCheck.Outcome.NOT_MOVED) {
            retryOrEscalate(route, check, now);
          } else if (result == MoveCheck.Outcome.MOVED) {
            escalated.remove(route);
          }
        });
  }

  /**
   * Whether a window that ended without requests must wait for figures read after its end: those
   * held at the end may have been read up to a load interval earlier, and the requests may be in
   * the next read. Each read is a new {@link RuleLoad}, so identity tells a new read from the one
   * held (none is held too: the first read may come after the end). The wait is bounded by one
   * reporting period, so a reader that stopped, or a route without {@code signals.load}, cannot
   * stall the verdict.
   */
  private boolean stale(RouteReconciler route, Optional<RuleLoad> latest, Instant now) {
    HeldFigures held = staleAtWindowEnd.get(route);
    if (held == null) {
      Duration period = latest.map(RuleLoad::period).orElse(MoveCheck.DEFAULT_PERIOD);
      staleAtWindowEnd.put(route, new HeldFigures(latest.orElse(null), now.plus(period)));
      return true;
    }
    return held.figures() == latest.orElse(null) && now.isBefore(held.until());
  }

  private record HeldFigures(RuleLoad figures, Instant until) {}

  /** Routes whose change did not move the requests even after a retry: "service/route: why". */
  List<String> escalations() {
    return escalated.entrySet().stream()
        .map(e -> e.getKey().service() + "/" + e.getKey().route() + ": " + e.getValue())
        .toList();
  }

  private void retryOrEscalate(RouteReconciler route, MoveCheck check, Instant now) {
    String what =
        "switched but not moved: the change at "
            + check.at()
            + " is applied, but Cloud Monitor shows no requests on "
            + check.gaining().id()
            + "'s rule since";
    if (check.mayRetry()) {
      route.reapply(what);
      pending.put(route, check.retried(now));
      return;
    }
    escalated.put(
        route, what + ", also after re-reading and re-applying the plan at " + check.windowFrom());
    count(route, ESCALATED);
    LOG.error(
        "{}/{}: {}, also after re-reading and re-applying the plan at {}; a person must act:"
            + " check DNS caching, clients pinned to the old address, and the rule's reachability",
        route.service(),
        route.route(),
        what,
        check.windowFrom());
  }

  private void count(RouteReconciler route, String outcome) {
    counter(route, outcome).increment();
  }

  private Counter counter(RouteReconciler route, String outcome) {
    return Counter.builder(MeterNames.VERIFICATIONS)
        .description("whether requests followed each applied change, by Cloud Monitor's figures")
        .tag(MeterNames.TAG_SERVICE, route.service())
        .tag(MeterNames.TAG_ROUTE, route.route())
        .tag(MeterNames.TAG_OUTCOME, outcome)
        .register(registry);
  }

  private void report(RouteReconciler route, MoveCheck check, MoveCheck.Outcome outcome) {
    count(route, outcome.name().toLowerCase(Locale.ROOT));
    switch (outcome) {
      case MOVED ->
          LOG.info(
              "{}/{}: verified: requests reach {} since the change at {}",
              route.service(),
              route.route(),
              check.gaining().id(),
              check.at());
      case NOT_MOVED ->
          LOG.warn(
              "{}/{}: switched but not moved: the cloud reports the change at {} applied, but"
                  + " Cloud Monitor shows no requests on {}'s rule since; {}",
              route.service(),
              route.route(),
              check.at(),
              check.gaining().id(),
              check.mayRetry() ? "re-reading the cloud and re-applying the plan" : "escalating");
      case NO_DATA ->
          LOG.debug(
              "{}/{}: the change at {} cannot be verified: no Cloud Monitor figures for {}'s rule"
                  + " (signals.load)",
              route.service(),
              route.route(),
              check.at(),
              check.gaining().id());
    }
  }
}
