package io.sluice.health.meters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.signal.RuleLoad;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The health monitor's meters. Every tag value comes from the config (service, backend, check,
 * vantage point or replica) or from an enum (outcome, reason, verdict), so the number of series is
 * fixed by the config.
 */
public final class HealthMeters {
  private final MeterRegistry registry;
  private final Timer scheduleLag;
  private final Counter resultsShed;
  private final Map<String, Map<Verdict, AtomicInteger>> verdicts = new ConcurrentHashMap<>();
  private final Map<String, Map<Backend, Map<String, Map<Verdict, AtomicInteger>>>>
      vantageVerdicts = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<RuleLoad>> loads = new ConcurrentHashMap<>();
  private final Map<String, Map<Backend, Map<String, CheckMeters>>> checks =
      new ConcurrentHashMap<>();

  public HealthMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.scheduleLag =
        Timer.builder(MeterNames.SCHEDULE_LAG)
            .description("how late each probe started against its plan")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    this.resultsShed =
        Counter.builder(MeterNames.RESULTS_SHED)
            .description(
                "probe results shed unread because the deciding context fell behind;"
                    + " they count as Inconclusive")
            .register(registry);
  }

  /** Meters recorded nowhere but memory, for tests and tools that export none. */
  public static HealthMeters inMemory() {
    return new HealthMeters(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void scheduleLag(long lagNanos) {
    scheduleLag.record(Math.max(0, lagNanos), TimeUnit.NANOSECONDS);
  }

  /** Counts probe results shed before the deciding context read them; from any thread. */
  public void resultsShed(int results) {
    resultsShed.increment(results);
  }

  /**
   * Counts one result of a check; an Up also times it. This runs for every probe result, so each
   * check's meters are found without building a key (three lookups on the config's own strings) and
   * its counters by the outcome's enum, not rebuilt or concatenated per result; a caller that keeps
   * the {@link #check} handle skips even the lookups. Call on the monitor's context.
   */
  public void result(String service, Backend backend, String check, ProbeOutcome outcome) {
    check(service, backend, check).record(outcome);
  }

  /** The meters of one check, registered on first use. */
  public CheckMeters check(String service, Backend backend, String check) {
    Map<Backend, Map<String, CheckMeters>> byBackend = checks.get(service);
    if (byBackend == null) {
      byBackend = checks.computeIfAbsent(service, key -> new ConcurrentHashMap<>());
    }
    Map<String, CheckMeters> byCheck = byBackend.get(backend);
    if (byCheck == null) {
      byCheck = byBackend.computeIfAbsent(backend, key -> new ConcurrentHashMap<>());
    }
    CheckMeters meters = byCheck.get(check);
    if (meters == null) {
      meters =
          byCheck.computeIfAbsent(
              check,
              key ->
                  new CheckMeters(
                      Tags.of(
                          MeterNames.TAG_SERVICE, service,
                          MeterNames.TAG_BACKEND, backend.id(),
                          MeterNames.TAG_CHECK, check)));
    }
    return meters;
  }

  /**
   * One check's timer and its result counters by outcome and reason (a fixed, enum-bounded set,
   * each registered on first use). Record on the monitor's context.
   */
  public final class CheckMeters {
    private final Tags where;
    private final Timer duration;
    private Counter up;
    private final Map<DownReason, Counter> down = new EnumMap<>(DownReason.class);
    private final Map<InconclusiveCause, Counter> inconclusive =
        new EnumMap<>(InconclusiveCause.class);

    private CheckMeters(Tags where) {
      this.where = where;
      this.duration =
          Timer.builder(MeterNames.CHECK_DURATION)
              .description("how long each probe or cloud-signal read took")
              .tags(where)
              .serviceLevelObjectives(MeterNames.PROBE_LATENCY_BUCKETS)
              .register(registry);
    }

    /** Counts one result; an Up also times it. */
    public void record(ProbeOutcome outcome) {
      switch (outcome) {
        case ProbeOutcome.Up result -> {
          duration.record(result.latency());
          if (up == null) {
            up = counter("up", "none");
          }
          up.increment();
        }
        case ProbeOutcome.Down result -> counted(down, result.reason(), "down").increment();
        case ProbeOutcome.Inconclusive result ->
            counted(inconclusive, result.cause(), "inconclusive").increment();
      }
    }

    private <E extends Enum<E>> Counter counted(Map<E, Counter> counters, E reason, String kind) {
      Counter counter = counters.get(reason);
      if (counter == null) {
        counter = counter(kind, reason.name());
        counters.put(reason, counter);
      }
      return counter;
    }

    private Counter counter(String kind, String reason) {
      return Counter.builder(MeterNames.CHECK_RESULTS)
          .description("probe and cloud-signal results by outcome and reason")
          .tags(where)
          .tag(MeterNames.TAG_OUTCOME, kind)
          .tag(MeterNames.TAG_REASON, reason.toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** Sets a backend's verdict gauges: 1 for {@code now}, 0 for the other verdicts. */
  public void verdict(String service, Backend backend, Verdict now) {
    Map<Verdict, AtomicInteger> gauges =
        verdicts.computeIfAbsent(
            service + "/" + backend.id(),
            key ->
                verdictGauges(
                    MeterNames.BACKEND_VERDICT,
                    Tags.of(
                        MeterNames.TAG_SERVICE, service, MeterNames.TAG_BACKEND, backend.id())));
    show(gauges, now);
  }

  /**
   * Sets a backend's verdict gauges at one vantage point: 1 for {@code now}, 0 for the other
   * verdicts.
   */
  public void vantageVerdict(String service, Backend backend, String vantage, Verdict now) {
    // found without building a key, as a check's meters are: this runs on every verdict change
    Map<String, Map<Verdict, AtomicInteger>> byVantage =
        vantageVerdicts
            .computeIfAbsent(service, key -> new ConcurrentHashMap<>())
            .computeIfAbsent(backend, key -> new ConcurrentHashMap<>());
    Map<Verdict, AtomicInteger> gauges = byVantage.get(vantage);
    if (gauges == null) {
      gauges =
          byVantage.computeIfAbsent(
              vantage,
              key ->
                  verdictGauges(
                      MeterNames.BACKEND_VANTAGE_VERDICT,
                      Tags.of(
                          MeterNames.TAG_SERVICE, service,
                          MeterNames.TAG_BACKEND, backend.id(),
                          MeterNames.TAG_VANTAGE, vantage)));
    }
    show(gauges, now);
  }

  private static void show(Map<Verdict, AtomicInteger> gauges, Verdict now) {
    gauges.forEach((verdict, value) -> value.set(verdict == now ? 1 : 0));
  }

  /**
   * Registers the meters of another replica's verdict reports: how many came, and how old the last
   * one is at {@code nanoClock}'s now (NaN before the first).
   */
  public ReportMeters replica(String replica, LongSupplier nanoClock) {
    return new ReportMeters(replica, nanoClock);
  }

  /** One other replica's report meters. Record on the monitor's context; read from any thread. */
  public final class ReportMeters {
    private final Counter reports;
    private final AtomicLong lastNanos = new AtomicLong();
    private volatile boolean heard;

    private ReportMeters(String replica, LongSupplier nanoClock) {
      Tags where = Tags.of(MeterNames.TAG_REPLICA, replica);
      this.reports =
          Counter.builder(MeterNames.HA_VERDICT_REPORTS)
              .description("verdict reports received from another replica")
              .tags(where)
              .register(registry);
      Gauge.builder(
              MeterNames.HA_VERDICT_AGE,
              this,
              meters ->
                  meters.heard
                      ? (nanoClock.getAsLong() - meters.lastNanos.get())
                          / (double) TimeUnit.SECONDS.toNanos(1)
                      : Double.NaN)
          .description("how old another replica's last verdict report is; NaN before its first")
          .baseUnit("seconds")
          .tags(where)
          .register(registry);
    }

    /** Counts a report received at {@code receivedNanos}. */
    public void received(long receivedNanos) {
      lastNanos.set(receivedNanos);
      heard = true;
      reports.increment();
    }
  }

  /** Publishes the latest Cloud Monitor load of a backend's rule. */
  public void load(String service, Backend backend, RuleLoad load) {
    loads
        .computeIfAbsent(service + "/" + backend.id(), key -> loadGauges(service, backend, load))
        .set(load);
  }

  private AtomicReference<RuleLoad> loadGauges(String service, Backend backend, RuleLoad first) {
    AtomicReference<RuleLoad> latest = new AtomicReference<>(first);
    Tags where = Tags.of(MeterNames.TAG_SERVICE, service, MeterNames.TAG_BACKEND, backend.id());
    Gauge.builder(MeterNames.BACKEND_LOAD_RPS, latest, l -> l.get().requestsPerSecond())
        .description("requests per second Cloud Monitor last reported on the backend's rule")
        .tags(where)
        .register(registry);
    Gauge.builder(MeterNames.BACKEND_LOAD_5XX, latest, l -> l.get().fiveXxRate().orElse(Double.NaN))
        .description("the share of 5xx answers Cloud Monitor last reported on the backend's rule")
        .tags(where)
        .register(registry);
    return latest;
  }

  private Map<Verdict, AtomicInteger> verdictGauges(String name, Tags where) {
    Map<Verdict, AtomicInteger> gauges = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      AtomicInteger value = new AtomicInteger();
      registry.gauge(name, where.and(MeterNames.TAG_VERDICT, verdict.name()), value);
      gauges.put(verdict, value);
    }
    return gauges;
  }
}
