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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * What one probe result costs the deciding context, at 10, 100 and 1,000 services: each service has
 * two backends with two checks each, and two sentinels watch for the correlation guard. Results go
 * through {@link HealthMonitor#record} (the board and the verdict comparison, the path every probe
 * result takes) in round-robin order on a virtual clock, so that every check gets one result per
 * second of virtual time, as with a one-second probe interval. The cost per result must not grow
 * with the number of services.
 *
 * <p>{@code steady}: every result is Up, nothing changes (the daemon's normal day). {@code
 * flapping}: every check goes DOWN and back UP every eight of its results, so every backend's
 * verdict changes every few rounds and each change is announced with its evidence; the sentinels
 * stay Up, so the correlation guard never fires.
 *
 * <pre>
 * scripts/bench 'HealthResultsBenchmark -prof gc'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HealthResultsBenchmark {
  private static final Instant WALL = Instant.parse("2026-03-01T02:30:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final CheckThresholds THRESHOLDS = new CheckThresholds(2, 2);
  private static final List<String> CHECKS = List.of("http", "tcp");
  private static final List<String> SENTINELS = List.of("dns-a", "dns-b");
  private static final ProbeOutcome UP = new ProbeOutcome.Up(Duration.ofMillis(3));
  private static final ProbeOutcome DOWN =
      new ProbeOutcome.Down(DownReason.CONNECTION_REFUSED, "refused");

  @Param({"10", "100", "1000"})
  public int services;

  @Param({"steady", "flapping"})
  public String results;

  /**
   * Whether every check is brought UP before measuring. Only for the code before the fix, whose
   * cost per result at 1,000 services (a third of a second) would make those rounds take most of an
   * hour; its cost did not depend on the statuses, as it re-read every check after every result.
   */
  @Param({"true"})
  public boolean upFirst;

  /** One check or sentinel to feed, with how many results it has had. */
  private record Target(String service, Backend backend, String check, long[] count) {
    boolean sentinel() {
      return service == null;
    }
  }

  private Vertx vertx;
  private HealthMonitor monitor;
  private Target[] targets;
  private long stepNanos;
  private long now = Long.MAX_VALUE - Duration.ofMinutes(1).toNanos();
  private int next;
  private long fed;
  private long judgedBefore;

  @Setup(Level.Trial)
  public void build() {
    // a verdict change is logged at INFO; measure the deciding, not the console
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HealthMonitor.class))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    vertx = Vertx.vertx();
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
    targets = all.toArray(Target[]::new);
    stepNanos = INTERVAL.toNanos() / targets.length;
    monitor =
        new HealthMonitor(
            new Watchlist(watched, sentinels, CorrelationGuard.DEFAULT),
            vertx.getOrCreateContext(),
            () -> now,
            Clock.fixed(WALL, ZoneOffset.UTC),
            "az3");
    // every check UP before measuring: rise rounds of Ups
    for (int i = 0; upFirst && i < targets.length * THRESHOLDS.rise(); i++) {
      feed(UP);
    }
    fed = 0;
    judgedBefore = monitor.judgements();
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    System.out.printf(
        "%n%d services, %s: %.2f backend judgements per result%n",
        services, results, (monitor.judgements() - judgedBefore) / (double) Math.max(1, fed));
    monitor.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One probe result, for the next target in turn. */
  @Benchmark
  public void oneResult() {
    Target target = targets[next];
    long count = target.count()[0];
    feed(results.equals("flapping") && !target.sentinel() && (count / 4) % 2 == 1 ? DOWN : UP);
    fed++;
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
