package io.sluice.controller.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.reconcile.MoveCheck;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.meters.MeterNames;
import io.sluice.health.monitor.HealthMonitor;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each applied change of each route with a {@link MoveCheck} against Cloud Monitor's
 * figures (where the config reads them: {@code signals.load}), and reports the outcome as a meter
 * and a log line: "switched but not moved" is a WARN for a person and an alert rule to act on. Runs
 * on the daemon's context, from the tick loop.
 */
final class MoveVerifications {
  private static final Logger LOG = LoggerFactory.getLogger(MoveVerifications.class);

  private final HealthMonitor monitor;
  private final MeterRegistry registry;
  private final Map<RouteReconciler, Long> seen = new HashMap<>();
  private final Map<RouteReconciler, MoveCheck> pending = new HashMap<>();

  MoveVerifications(HealthMonitor monitor, MeterRegistry registry) {
    this.monitor = monitor;
    this.registry = registry;
  }

  /** Starts a check for a new change of {@code route}, and judges the one pending. */
  void follow(RouteReconciler route, Instant now) {
    if (!seen.containsKey(route)) {
      // every outcome from zero, so that the first "not moved" is an increase alert rules see
      for (MoveCheck.Outcome outcome : MoveCheck.Outcome.values()) {
        counter(route, outcome);
      }
      seen.put(route, 0L);
    }
    route
        .lastChange()
        .filter(change -> change.seq() > seen.getOrDefault(route, 0L))
        .ifPresent(
            change -> {
              seen.put(route, change.seq());
              MoveCheck.after(now, change.from(), change.to())
                  .ifPresentOrElse(check -> pending.put(route, check), () -> pending.remove(route));
            });
    MoveCheck check = pending.get(route);
    if (check == null) {
      return;
    }
    Optional<MoveCheck.Outcome> outcome =
        check.judge(monitor.load(route.service(), check.gaining()), now);
    outcome.ifPresent(
        result -> {
          pending.remove(route);
          report(route, check, result);
        });
  }

  private Counter counter(RouteReconciler route, MoveCheck.Outcome outcome) {
    return Counter.builder(MeterNames.VERIFICATIONS)
        .description("whether requests followed each applied change, by Cloud Monitor's figures")
        .tag(MeterNames.TAG_SERVICE, route.service())
        .tag(MeterNames.TAG_ROUTE, route.route())
        .tag(MeterNames.TAG_OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private void report(RouteReconciler route, MoveCheck check, MoveCheck.Outcome outcome) {
    counter(route, outcome).increment();
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
                  + " Cloud Monitor shows no requests on {}'s rule since; check DNS caching and"
                  + " the rule's reachability",
              route.service(),
              route.route(),
              check.at(),
              check.gaining().id());
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
