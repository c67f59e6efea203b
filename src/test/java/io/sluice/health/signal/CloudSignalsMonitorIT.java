package io.sluice.health.signal;

import static io.sluice.health.signal.SignalWorld.HEALTH_CHECK_BOUND;
import static io.sluice.health.signal.SignalWorld.INSTANCE_A;
import static io.sluice.health.signal.SignalWorld.INSTANCE_B;
import static io.sluice.health.signal.SignalWorld.RULE;
import static io.sluice.health.signal.SignalWorld.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.cloud.CloudGuards;
import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.meters.HealthMeters;
import io.sluice.health.monitor.BackendWatch;
import io.sluice.health.monitor.CloudReaders;
import io.sluice.health.monitor.CloudSignal;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.health.monitor.LoadWatch;
import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.monitor.SignalWatch;
import io.sluice.health.monitor.VerdictChange;
import io.sluice.health.monitor.Watchlist;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.sluice.sandbox.api.Fault;
import io.vertx.core.Context;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The health monitor reading the cloud signals and Cloud Monitor load of a CVM backend from the
 * sandbox, beside a probe through the CLB's VIP: a signal that sees the instances stopped makes the
 * backend DOWN on its own, and a control plane that throttles, fails or answers garbage leaves the
 * verdict where it was, even after the signal has gone stale.
 */
final class CloudSignalsMonitorIT {
  private static final String SERVICE = "shop";
  private static final String HOST = "app.example.com";
  private static final Duration SIGNAL_INTERVAL = Duration.ofMillis(200);
  private static final CheckThresholds SIGNAL_THRESHOLDS = new CheckThresholds(2, 1);
  // the probe alone would need a minute to fall, so a quick DOWN can only come from the signals
  private static final CheckThresholds SLOW_PROBE = new CheckThresholds(100, 1);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

  /** The CLB health check's own bound, then the signal's fall count and one interval of slack. */
  private static final Duration SIGNAL_DOWN_BOUND =
      HEALTH_CHECK_BOUND.plus(SIGNAL_INTERVAL.multipliedBy(SIGNAL_THRESHOLDS.fall() + 1));

  private final SignalWorld world = new SignalWorld();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CloudGuards guards =
      new CloudGuards(world.vertx, SignalWorld.quickGuards(), registry);
  private final Queue<VerdictChange> changes = new ConcurrentLinkedQueue<>();
  private Context context;
  private HealthMonitor monitor;

  @BeforeEach
  void start() {
    int vip = world.sandbox.vipPort(RULE.loadBalancerId(), RULE.listenerId());
    ProbeSpec probe =
        ProbeSpec.http("127.0.0.1", vip)
            .hostHeader(HOST)
            .interval(PROBE_INTERVAL)
            .timeout(Duration.ofMillis(400))
            .connectTimeout(Duration.ofMillis(200))
            .build();
    BackendWatch cvm =
        new BackendWatch(
            BackendRule.DEFAULT,
            List.of(new ProbeWatch("http", probe, SLOW_PROBE)),
            List.of(
                signal("clb-target-health", new CloudSignal.ClbTargets(RULE), true),
                signal("instance-state", new CloudSignal.CvmInstances(RULE), false)),
            Optional.of(
                new LoadWatch(
                    new RuleTraffic.Query(RULE, "127.0.0.1", Duration.ofSeconds(60)),
                    SIGNAL_INTERVAL)));
    Watchlist watchlist =
        new Watchlist(
            Map.of(SERVICE, Map.of(Backend.CVM, cvm)), List.of(), CorrelationGuard.DEFAULT);
    context = world.vertx.getOrCreateContext();
    monitor =
        new HealthMonitor(
            watchlist,
            context,
            System::nanoTime,
            Clock.systemUTC(),
            "local",
            CloudReaders.sdk(world.clients(), guards, Clock.systemUTC()),
            new HealthMeters(registry));
    monitor.subscribe(changes::add);
    monitor.start();
    await().atMost(HEALTH_CHECK_BOUND).until(() -> verdict() == Verdict.UP);
  }

  @AfterEach
  void stop() throws Exception {
    join(monitor.close());
    guards.close();
    world.close();
  }

  @Test
  void stoppedInstancesMakeTheBackendDownThroughTheSignalsAlone() {
    changes.clear();
    world.sandbox.instances().stop(INSTANCE_A);
    world.sandbox.instances().stop(INSTANCE_B);
    world.sandbox.reconcileInstances();

    VerdictChange down = await().atMost(SIGNAL_DOWN_BOUND).until(changes::peek, c -> c != null);

    assertThat(down.to()).isEqualTo(Verdict.DOWN);
    // whichever signal saw it first: the probe is still UP
    assertThat(down.health().summary()).contains("http=UP").containsPattern("(state|health)=DOWN");
    assertThat(down.health().evidence())
        .filteredOn(e -> e.status() == Verdict.DOWN)
        .flatExtracting(e -> e.recent())
        .anySatisfy(
            r ->
                assertThat(r.describe())
                    .containsAnyOf(
                        "0 of 2 instances RUNNING: ins-sig00001 STOPPED, ins-sig00002 STOPPED",
                        "0 of 2 targets Alive: ins-sig00001 Dead, ins-sig00002 Dead"));
  }

  static List<Fault> controlPlaneFaults() {
    return List.of(
        new Fault.ApiError("RequestLimitExceeded", "too fast"),
        new Fault.ApiError("InternalError", "oops"),
        new Fault.HttpStatus(500),
        new Fault.MalformedJson());
  }

  @ParameterizedTest
  @MethodSource("controlPlaneFaults")
  void aFailingControlPlaneLeavesTheVerdictWhereItWas(Fault fault) throws Exception {
    changes.clear();
    double before = inconclusive("clb-target-health");
    world.sandbox.faults().untilCleared("DescribeTargetHealth", fault);

    // Past the staleness of three intervals, so the signal itself reads UNKNOWN by now.
    int staleReads = SIGNAL_THRESHOLDS.fall() + 4;
    await()
        .atMost(HEALTH_CHECK_BOUND)
        .until(() -> inconclusive("clb-target-health") - before >= staleReads);

    assertThat(verdict()).isEqualTo(Verdict.UP);
    assertThat(changes).isEmpty();
    assertThat(onContext(() -> monitor.backendHealth(SERVICE, Backend.CVM)).evidence())
        .filteredOn(e -> e.check().equals("clb-target-health"))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(Verdict.UNKNOWN));
  }

  @Test
  void cloudMonitorLoadFollowsTheTrafficThroughTheVip() throws IOException {
    for (int i = 0; i < 5; i++) {
      assertThat(get()).startsWith("HTTP/1.1 200");
    }
    RuleLoad load =
        await()
            .atMost(HEALTH_CHECK_BOUND)
            .until(
                () -> monitor.load(SERVICE, Backend.CVM).orElse(null),
                l -> l != null && l.requests() > 0);
    assertThat(load.fiveXxRate()).hasValue(0.0);
    assertThat(load.responseTimeAvgMs()).isPresent();

    // Real servers answering 5xx: a stopped server's 502 would be the CLB's own answer, which
    // Cloud Monitor counts under ClbHttp5xx, not the rule's HttpCode5XX.
    world.sandbox.instances().breakWith(INSTANCE_A, 503);
    world.sandbox.instances().breakWith(INSTANCE_B, 503);
    for (int i = 0; i < 5; i++) {
      assertThat(get()).startsWith("HTTP/1.1 503");
    }

    await()
        .atMost(HEALTH_CHECK_BOUND)
        .until(
            () -> monitor.load(SERVICE, Backend.CVM).map(RuleLoad::http5xx).orElse(0.0),
            errors -> errors > 0);
    assertThat(registry.scrape())
        .contains(prometheus(MeterNames.BACKEND_LOAD_RPS) + "{backend=\"cvm\",service=\"shop\"}");
  }

  @Test
  void everyResultIsMeteredAndTheBreakersAreExported() {
    await().atMost(HEALTH_CHECK_BOUND).until(() -> up("instance-state") > 0 && up("http") > 0);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "sluice_backend_verdict{backend=\"cvm\",service=\"shop\",verdict=\"UP\"} 1.0",
            "sluice_backend_verdict{backend=\"cvm\",service=\"shop\",verdict=\"DOWN\"} 0.0",
            "sluice_probe_duration_seconds_bucket{backend=\"cvm\",check=\"http\"",
            "sluice_probe_schedule_lag_seconds_bucket",
            "sluice_cloud_call_seconds_count{action=\"DescribeTargetHealth\",code=\"\",outcome=\"success\"}",
            "resilience4j_circuitbreaker_state{name=\"DescribeTargetHealth\",state=\"closed\"} 1.0");
  }

  private static SignalWatch signal(String name, CloudSignal signal, boolean contradicts) {
    return new SignalWatch(name, SIGNAL_INTERVAL, SIGNAL_THRESHOLDS, signal, contradicts);
  }

  private Verdict verdict() throws Exception {
    return onContext(
        () ->
            monitor
                .snapshot(SERVICE, 0, Clock.systemUTC().instant(), OptionalDouble.empty())
                .verdict(Backend.CVM));
  }

  private <T> T onContext(Callable<T> read) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            result.complete(read.call());
          } catch (Exception e) {
            result.completeExceptionally(e);
          }
        });
    return result.get(10, TimeUnit.SECONDS);
  }

  private double inconclusive(String check) {
    return count(check, "inconclusive");
  }

  private double up(String check) {
    return count(check, "up");
  }

  private double count(String check, String outcome) {
    return registry
        .find(MeterNames.CHECK_RESULTS)
        .tag(MeterNames.TAG_CHECK, check)
        .tag(MeterNames.TAG_OUTCOME, outcome)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static String prometheus(String meter) {
    return meter.replace('.', '_');
  }

  private String get() throws IOException {
    int vip = world.sandbox.vipPort(RULE.loadBalancerId(), RULE.listenerId());
    try (Socket socket = new Socket("127.0.0.1", vip)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
