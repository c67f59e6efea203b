package io.sluice.health.monitor;

import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.policies.Backend;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A health monitor for {@code services} services (two backends with two checks each, and two
 * sentinels) that is never started, fed probe results directly in round-robin order on a virtual
 * clock, so that every check gets one result per second of virtual time, as with a one-second probe
 * interval: what the deciding context does with every probe result, without the probing.
 *
 * <p>{@code steady}: every result is Up. {@code flapping}: every check goes DOWN and back UP every
 * eight of its results (fall and rise are 2), so every backend's verdict changes every few rounds
 * and each change is announced with its evidence; the sentinels stay Up, so the correlation guard
 * never fires.
 */
final class ResultFeed implements AutoCloseable {
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final CheckThresholds THRESHOLDS = new CheckThresholds(2, 2);
  private static final List<String> CHECKS = List.of("http", "tcp");
  private static final List<String> SENTINELS = List.of("dns-a", "dns-b");
  private static final ProbeOutcome UP = new ProbeOutcome.Up(Duration.ofMillis(3));
  private static final ProbeOutcome DOWN =
      new ProbeOutcome.Down(DownReason.CONNECTION_REFUSED, "refused");

  /** One check or sentinel to feed, with how many results it has had. */
  private record Target(String service, Backend backend, String check, long[] count) {
    boolean sentinel() {
      return service == null;
    }
  }

  private final Vertx vertx;
  private final HealthMonitor monitor;
  private final Target[] targets;
  private final boolean flapping;
  private final long stepNanos;
  private long now = Long.MAX_VALUE - Duration.ofMinutes(1).toNanos();
  private int next;

  /**
   * @param results {@code steady} or {@code flapping}
   * @param upFirst whether every check is brought UP first (rise rounds of Ups)
   */
  ResultFeed(int services, String results, boolean upFirst) {
    if (!results.equals("steady") && !results.equals("flapping")) {
      throw new IllegalArgumentException("results: steady or flapping, got " + results);
    }
    // a verdict change is logged at INFO; measure the deciding, not the console
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HealthMonitor.class))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    this.flapping = results.equals("flapping");
    this.vertx = Vertx.vertx();
    Map<String, Map<Backend, BackendWatch>> watched = new LinkedHashMap<>();
    List<Target> all = new ArrayList<>();
    for (int s = 0; s < services; s++) {
      String service = String.format("svc-%04d", s);
      Map<Backend, BackendWatch> backends = new EnumMap<>(Backend.class);
      for (Backend backend : Backend.values()) {
        List<ProbeWatch> checks = new ArrayList<>();
        for (String check : CHECKS) {
          checks.add(new ProbeWatch(check, spec(1 + s), THRESHOLDS));
          all.add(new Target(service, backend, check, new long[1]));
        }
        backends.put(backend, new BackendWatch(BackendRule.DEFAULT, checks));
      }
      watched.put(service, backends);
    }
    List<ProbeWatch> sentinels = new ArrayList<>();
    for (String sentinel : SENTINELS) {
      sentinels.add(new ProbeWatch(sentinel, spec(53), THRESHOLDS));
      all.add(new Target(null, null, sentinel, new long[1]));
    }
    this.targets = all.toArray(Target[]::new);
    this.stepNanos = INTERVAL.toNanos() / targets.length;
    this.monitor =
        new HealthMonitor(
            new Watchlist(watched, sentinels, CorrelationGuard.DEFAULT),
            vertx.getOrCreateContext(),
            () -> now,
            Clock.fixed(WALL, ZoneOffset.UTC),
            "az3");
    for (int i = 0; upFirst && i < targets.length * THRESHOLDS.rise(); i++) {
      feed(UP);
    }
  }

  /** One probe result, for the next target in turn. */
  void oneResult() {
    Target target = targets[next];
    boolean down = flapping && !target.sentinel() && (target.count()[0] / 4) % 2 == 1;
    feed(down ? DOWN : UP);
  }

  /** How many backend judgements the board has made so far. */
  long judgements() {
    return monitor.judgements();
  }

  @Override
  public void close() throws Exception {
    monitor.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void feed(ProbeOutcome outcome) {
    Target target = targets[next];
    next = next + 1 == targets.length ? 0 : next + 1;
    now += stepNanos;
    target.count()[0]++;
    ProbeResult result = new ProbeResult(outcome, now, WALL);
    if (target.sentinel()) {
      monitor.recordSentinel(target.check(), result);
    } else {
      monitor.record(target.service(), target.backend(), target.check(), result);
    }
  }

  private static ProbeSpec spec(int port) {
    return ProbeSpec.http("127.0.0.1", port).interval(INTERVAL).build();
  }
}
