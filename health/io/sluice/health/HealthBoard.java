package io.sluice.health;

import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * Where the controller (and the simulator) feed probe and cloud-signal results, and where backend
 * verdicts are read. Single-threaded: call it from one thread (the tick loop).
 *
 * <p>Each check keeps a {@link CheckState} per vantage point (HAProxy's fall/rise, with
 * Inconclusive results ignored). A backend's verdict is taken per vantage point with its {@link
 * BackendRule}, then across vantage points by the rule's quorum (Route 53's more-than-18% rule).
 * Before that, the {@link CorrelationGuard} looks at everything one vantage point sees: if every
 * service's checks and the sentinels went DOWN together, that vantage point's own network is the
 * likely culprit and it says UNKNOWN instead of DOWN, so a prober outage cannot cause a failover.
 *
 * <pre>{@code
 * HealthBoard board = new HealthBoard(List.of("az3", "az4"));
 * board.addService("shop");
 * board.addBackend("shop", Backend.CVM, BackendRule.DEFAULT,
 *     List.of(CheckSpec.probedEvery("http", Duration.ofSeconds(1))));
 * board.addSentinel(CheckSpec.probedEvery("public-dns", Duration.ofSeconds(1)));
 * board.record("shop", Backend.CVM, "http", "az3", result);
 * HealthSnapshot snapshot = board.snapshot("shop", round, wallNow, OptionalDouble.empty(), nanoNow);
 * }</pre>
 *
 * <p>Memory is fixed by registration: one state per check and vantage point, each holding at most
 * {@value CheckState#EVIDENCE_SIZE} results.
 */
public final class HealthBoard {
  private final List<String> vantagePoints;
  private final CorrelationGuard guard;
  private final Map<String, Map<Backend, WatchedBackend>> services = new LinkedHashMap<>();
  private final Map<String, WatchedCheck> sentinels = new LinkedHashMap<>();
  private long judgements;

  /**
   * @param vantagePoints the names of the places probes run from (at least one)
   * @param guard the correlation guard, usually {@link CorrelationGuard#DEFAULT}
   */
  public HealthBoard(List<String> vantagePoints, CorrelationGuard guard) {
    this.vantagePoints = List.copyOf(vantagePoints);
    this.guard = Objects.requireNonNull(guard, "guard");
    if (this.vantagePoints.isEmpty()) {
      throw new IllegalArgumentException("vantagePoints: must name at least one");
    }
    if (new HashSet<>(this.vantagePoints).size() != this.vantagePoints.size()) {
      throw new IllegalArgumentException(
          "vantagePoints: names must be unique, got " + this.vantagePoints);
    }
  }

  public HealthBoard(List<String> vantagePoints) {
    this(vantagePoints, CorrelationGuard.DEFAULT);
  }

  public void addService(String service) {
    Objects.requireNonNull(service, "service");
    if (services.putIfAbsent(service, new EnumMap<>(Backend.class)) != null) {
      throw new IllegalArgumentException("service '" + service + "' is already registered");
    }
  }

  /**
   * Registers a backend of a service with its checks.
   *
   * @throws IllegalArgumentException for an unknown service, a backend registered twice, duplicate
   *     check names, or a rule that does not fit the checks
   */
  public void addBackend(
      String service, Backend backend, BackendRule rule, List<CheckSpec> checks) {
    Map<Backend, WatchedBackend> backends = service(service);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(rule, "rule");
    String where = service + "/" + backend.id();
    if (backends.containsKey(backend)) {
      throw new IllegalArgumentException("backend " + where + " is already registered");
    }
    Map<String, WatchedCheck> watched = new LinkedHashMap<>();
    for (CheckSpec check : checks) {
      if (watched.putIfAbsent(check.name(), new WatchedCheck(check)) != null) {
        throw new IllegalArgumentException(
            where + ".checks: duplicate check name '" + check.name() + "'");
      }
    }
    rule.requireFits(where, List.copyOf(watched.keySet()));
    backends.put(backend, new WatchedBackend(rule, watched));
  }

  /** Registers a sentinel: a target independent of every service, watched for the guard only. */
  public void addSentinel(CheckSpec sentinel) {
    if (sentinels.putIfAbsent(sentinel.name(), new WatchedCheck(sentinel)) != null) {
      throw new IllegalArgumentException(
          "sentinel '" + sentinel.name() + "' is already registered");
    }
  }

  /** Feeds one result of a backend's check, taken at {@code vantage}. */
  public void record(
      String service, Backend backend, String check, String vantage, ProbeResult result) {
    check(service, backend, check).record(requireVantage(vantage), result);
  }

  /** Feeds one result of a sentinel, taken at {@code vantage}. */
  public void recordSentinel(String sentinel, String vantage, ProbeResult result) {
    sentinel(sentinel).record(requireVantage(vantage), result);
  }

  /**
   * Whether a backend's check, seen from {@code vantage}, is counting towards the other status (one
   * or more results against its current one), when probes use the fast interval.
   */
  public boolean transitioning(String service, Backend backend, String check, String vantage) {
    return check(service, backend, check).state(requireVantage(vantage)).count() > 0;
  }

  /** Whether a sentinel, seen from {@code vantage}, is counting towards the other status. */
  public boolean sentinelTransitioning(String sentinel, String vantage) {
    return sentinel(sentinel).state(requireVantage(vantage)).count() > 0;
  }

  /**
   * The verdicts of both backends of a service for the policy; a backend that is not registered is
   * UNKNOWN.
   */
  public HealthSnapshot snapshot(
      String service, long round, Instant wall, OptionalDouble cvmLoad, long nowNanos) {
    Map<Backend, WatchedBackend> backends = service(service);
    Map<String, Optional<String>> suspects = suspects(nowNanos);
    Map<Backend, Verdict> verdicts = new EnumMap<>(Backend.class);
    for (Backend backend : Backend.values()) {
      WatchedBackend watched = backends.get(backend);
      verdicts.put(
          backend, watched == null ? Verdict.UNKNOWN : verdictOf(watched, suspects, nowNanos));
    }
    return new HealthSnapshot(
        verdicts.get(Backend.CVM), verdicts.get(Backend.SCF), round, cvmLoad, wall);
  }

  /** A backend's verdict with its summary and evidence, for the explain API. */
  public BackendHealth backendHealth(String service, Backend backend, long nowNanos) {
    return evaluate(service, backend, backend(service, backend), nowNanos);
  }

  /**
   * How many times a backend's verdict has been worked out from its checks since the board was
   * built: a measure of the board's work, for tests and benchmarks.
   */
  public long judgements() {
    return judgements;
  }

  /**
   * The correlation guard's finding per vantage point, computed once per snapshot: it looks at
   * every check of every service, so it must not run once per backend.
   */
  private Map<String, Optional<String>> suspects(long nowNanos) {
    Map<String, Optional<String>> suspects = new LinkedHashMap<>();
    for (String vantage : vantagePoints) {
      suspects.put(vantage, guard.suspect(observations(vantage, nowNanos)));
    }
    return suspects;
  }

  /** The verdict alone, built without evidence or text: the policy reads it on every tick. */
  private Verdict verdictOf(
      WatchedBackend watched, Map<String, Optional<String>> suspects, long nowNanos) {
    judgements++;
    List<Verdict> byVantage = new ArrayList<>(vantagePoints.size());
    for (String vantage : vantagePoints) {
      byVantage.add(
          suspects.get(vantage).isPresent()
              ? Verdict.UNKNOWN
              : watched.rule().atVantage(statusesAt(watched, vantage, nowNanos)));
    }
    return watched.rule().acrossVantages(byVantage);
  }

  private static Map<String, Verdict> statusesAt(
      WatchedBackend watched, String vantage, long nowNanos) {
    Map<String, Verdict> statuses = new LinkedHashMap<>();
    for (WatchedCheck check : watched.checks().values()) {
      statuses.put(check.name(), check.statusAt(vantage, nowNanos));
    }
    return statuses;
  }

  private BackendHealth evaluate(
      String service, Backend backend, WatchedBackend watched, long nowNanos) {
    judgements++;
    Map<String, Optional<String>> suspects = suspects(nowNanos);
    List<Evidence> evidence = new ArrayList<>();
    List<Verdict> byVantage = new ArrayList<>();
    StringJoiner views = new StringJoiner("; ");
    for (String vantage : vantagePoints) {
      Map<String, Verdict> statuses = statusesAt(watched, vantage, nowNanos);
      for (WatchedCheck check : watched.checks().values()) {
        evidence.add(
            new Evidence(
                vantage, check.name(), statuses.get(check.name()), check.state(vantage).recent()));
      }
      Optional<String> suspect = suspects.get(vantage);
      Verdict verdict = suspect.isPresent() ? Verdict.UNKNOWN : watched.rule().atVantage(statuses);
      byVantage.add(verdict);
      views.add(
          vantage
              + " "
              + verdict
              + " "
              + suspect.map(s -> "(" + s + ")").orElse(statuses.toString()));
    }
    Verdict verdict = watched.rule().acrossVantages(byVantage);
    String summary =
        String.format(
            Locale.ROOT,
            "%s/%s %s; %s",
            service,
            backend.id(),
            headline(verdict, byVantage, watched.rule()),
            views);
    return new BackendHealth(verdict, summary, evidence);
  }

  private static String headline(Verdict verdict, List<Verdict> byVantage, BackendRule rule) {
    long knowing = byVantage.stream().filter(v -> v != Verdict.UNKNOWN).count();
    if (knowing == 0) {
      return "UNKNOWN: no vantage point knows";
    }
    if (verdict == Verdict.UNKNOWN) {
      return String.format(
          Locale.ROOT,
          "UNKNOWN: only %d of %d vantage points know; a majority must",
          knowing,
          byVantage.size());
    }
    long up = byVantage.stream().filter(v -> v == Verdict.UP).count();
    return String.format(
        Locale.ROOT,
        "%s: %d of %d knowing vantage points say UP, %s more than %.0f%%",
        verdict,
        up,
        knowing,
        verdict == Verdict.UP ? "which is" : "not",
        rule.quorum() * 100);
  }

  private List<CorrelationGuard.Observation> observations(String vantage, long nowNanos) {
    List<CorrelationGuard.Observation> observed = new ArrayList<>();
    services.forEach(
        (service, backends) ->
            backends.forEach(
                (backend, watched) -> {
                  for (WatchedCheck check : watched.checks().values()) {
                    observed.add(
                        CorrelationGuard.Observation.check(
                            service + "/" + backend.id(),
                            check.name(),
                            check.state(vantage),
                            check.statusAt(vantage, nowNanos)));
                  }
                }));
    for (WatchedCheck sentinel : sentinels.values()) {
      observed.add(
          CorrelationGuard.Observation.sentinel(
              sentinel.name(), sentinel.state(vantage), sentinel.statusAt(vantage, nowNanos)));
    }
    return observed;
  }

  private Map<Backend, WatchedBackend> service(String service) {
    Map<Backend, WatchedBackend> backends = services.get(service);
    if (backends == null) {
      throw new IllegalArgumentException(
          "unknown service '" + service + "'; known: " + services.keySet());
    }
    return backends;
  }

  private WatchedBackend backend(String service, Backend backend) {
    WatchedBackend watched = service(service).get(backend);
    if (watched == null) {
      throw new IllegalArgumentException(
          "service '"
              + service
              + "' has no backend '"
              + (backend == null ? null : backend.id())
              + "'; registered: "
              + service(service).keySet());
    }
    return watched;
  }

  private WatchedCheck check(String service, Backend backend, String check) {
    WatchedBackend watched = backend(service, backend);
    WatchedCheck target = watched.checks().get(check);
    if (target == null) {
      throw new IllegalArgumentException(
          "backend "
              + service
              + "/"
              + backend.id()
              + " has no check '"
              + check
              + "'; known: "
              + watched.checks().keySet());
    }
    return target;
  }

  private WatchedCheck sentinel(String sentinel) {
    WatchedCheck target = sentinels.get(sentinel);
    if (target == null) {
      throw new IllegalArgumentException(
          "unknown sentinel '" + sentinel + "'; known: " + sentinels.keySet());
    }
    return target;
  }

  private String requireVantage(String vantage) {
    if (!vantagePoints.contains(vantage)) {
      throw new IllegalArgumentException(
          "unknown vantage point '" + vantage + "'; known: " + vantagePoints);
    }
    return vantage;
  }
}
