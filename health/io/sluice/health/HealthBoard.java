package io.sluice.health;

import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Verdict;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Where the controller (and the simulator) feed probe and cloud-signal results, and where backend
 * verdicts are read. Single-threaded: call it from one thread (the deciding context).
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
 * board.settle(nanoNow, (service, backend, from, to) -> log(...));
 * }</pre>
 *
 * <h2>Incremental, so that a result's cost does not grow with the services</h2>
 *
 * <p>Re-reading every check of every service after every result (the guard's view, then every
 * service's verdicts) made each result cost the square of the checks, and the daemon's work the
 * cube of the services: near 150 services two cores could not keep up (BENCHMARKS.md). So the board
 * keeps what it derives, and changes only what a result touches:
 *
 * <ul>
 *   <li>Each check at each vantage point holds the status the board counts it as ({@link
 *       CheckAtVantage#held()}). A result changes that only when the check's status really changes;
 *       most results (another Up on an UP check) change nothing beyond the check's own state.
 *   <li>Per vantage point, a {@link VantageTally} counts what the guard reads (UP, DOWN checks and
 *       sentinels, backends with a DOWN check, the spread of the DOWN times). A status change moves
 *       one check between counts, and the guard's finding is re-assessed from the counts.
 *   <li>A status change marks its own backend to be judged again; only when the guard's finding
 *       flips at a vantage point is every backend marked (they all read UNKNOWN there, or no longer
 *       do), which is rare. Marked backends are judged when a verdict is next read ({@link
 *       #snapshot}, {@link #settle}), each once however many of its results came in between.
 *   <li>Staleness is time, not results: {@link StaleChecks} knows when each check goes stale, and
 *       every read at a later time first lets those checks go UNKNOWN. So a check going stale
 *       changes its backend's verdict by itself, without waiting for any other result.
 * </ul>
 *
 * <p>So a result costs its own check's state, plus, when that check's status changes, a judgement
 * of its backend (its checks at each vantage point) and a logarithmic update of the guard's counts.
 * {@link #judgements()} counts the judgements, so that tests can hold the board to it.
 *
 * <p>The board's clock only moves forward: each result and each read at a later time moves it, and
 * statuses are held as of that time. A read for an earlier time than the board has seen is answered
 * as of the board's time (the controller and the simulator read at their current time, which never
 * goes back).
 *
 * <p>Memory is fixed by registration: one state per check and vantage point, each holding at most
 * {@value CheckState#EVIDENCE_SIZE} results, and a fixed set of counts per vantage point.
 *
 * <h2>Remote vantage points: every replica a vantage point</h2>
 *
 * <p>Built with {@link VantagePoints}, the board probes from the local vantage point only; every
 * other one is a replica of the group that probes for itself and reports its verdicts per backend
 * (after its own fall/rise and its own correlation guard), which the board takes with {@link
 * #report}. A report stands for its vantage point's verdict until it is older than {@code
 * staleAfter} or its replica left; then that vantage point reads UNKNOWN for every backend, by time
 * alone (as a check goes stale), never UP or DOWN. Remote verdicts do not feed the local guard:
 * each replica applies its own before it reports. A report costs a look at every backend (it is a
 * whole map), but marks only those whose verdict there changed; local results cost what they did.
 *
 * <p>What the local vantage point concludes is what this replica publishes: {@link #localVerdicts}
 * reads it, and {@link #settle(long, VerdictListener, VantageListener)} tells every change of a
 * verdict at any vantage point.
 */
public final class HealthBoard {
  private final List<String> vantagePoints;
  private final CorrelationGuard guard;
  private final VantageTally[] tallies;
  // per vantage point: null where probed here, the reports' state where remote
  private final RemoteVantage[] remotes;
  private final int localIndex;
  private final Map<String, Map<Backend, WatchedBackend>> services = new LinkedHashMap<>();
  private final List<WatchedBackend> backends = new ArrayList<>();
  private final Map<String, WatchedCheck> sentinels = new LinkedHashMap<>();
  private final StaleChecks stale = new StaleChecks();
  private final ArrayDeque<WatchedBackend> toJudge = new ArrayDeque<>();
  private final ArrayDeque<WatchedBackend> toAnnounce = new ArrayDeque<>();
  private final ArrayDeque<WatchedBackend> toTell = new ArrayDeque<>();
  private final Consumer<CheckAtVantage> refresh = this::refresh;
  private int checksRegistered;
  private boolean timeKnown;
  private long nowNanos;
  private long judgements;
  // the earliest time a counting remote report goes stale, while reportsArmed
  private boolean reportsArmed;
  private long nextReportStale;

  /** Told of a backend whose verdict changed since it was last told; see {@link #settle}. */
  @FunctionalInterface
  public interface VerdictListener {
    void changed(String service, Backend backend, Verdict from, Verdict to);
  }

  /**
   * Told of a backend whose verdict at one vantage point changed since it was last told; see {@link
   * #settle(long, VerdictListener, VantageListener)}.
   */
  @FunctionalInterface
  public interface VantageListener {
    void changed(String service, Backend backend, String vantage, Verdict from, Verdict to);
  }

  /**
   * A board that probes from every vantage point itself (the simulator's); {@link #localVerdicts}
   * reads the first one's.
   *
   * @param vantagePoints the names of the places probes run from (at least one)
   * @param guard the correlation guard, usually {@link CorrelationGuard#DEFAULT}
   */
  public HealthBoard(List<String> vantagePoints, CorrelationGuard guard) {
    this(vantagePoints, guard, null);
  }

  /**
   * A board that probes from the local vantage point and takes the others' verdicts as {@link
   * #report reports}.
   */
  public HealthBoard(VantagePoints vantagePoints, CorrelationGuard guard) {
    this(vantagePoints.names(), guard, vantagePoints);
  }

  private HealthBoard(List<String> vantagePoints, CorrelationGuard guard, VantagePoints remote) {
    this.vantagePoints = List.copyOf(vantagePoints);
    this.guard = Objects.requireNonNull(guard, "guard");
    if (this.vantagePoints.isEmpty()) {
      throw new IllegalArgumentException("vantagePoints: must name at least one");
    }
    if (new HashSet<>(this.vantagePoints).size() != this.vantagePoints.size()) {
      throw new IllegalArgumentException(
          "vantagePoints: names must be unique, got " + this.vantagePoints);
    }
    this.tallies = new VantageTally[this.vantagePoints.size()];
    this.remotes = new RemoteVantage[this.vantagePoints.size()];
    this.localIndex = remote == null ? 0 : remote.localIndex();
    for (int v = 0; v < tallies.length; v++) {
      tallies[v] = new VantageTally();
      if (remote != null && v != localIndex) {
        remotes[v] = new RemoteVantage(remote.staleAfter());
      }
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
    Map<Backend, WatchedBackend> registered = service(service);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(rule, "rule");
    String where = service + "/" + backend.id();
    if (registered.containsKey(backend)) {
      throw new IllegalArgumentException("backend " + where + " is already registered");
    }
    WatchedBackend watched = new WatchedBackend(service, backend, rule, vantagePoints.size());
    for (CheckSpec check : checks) {
      if (watched.checks().containsKey(check.name())) {
        throw new IllegalArgumentException(
            where + ".checks: duplicate check name '" + check.name() + "'");
      }
      watched.add(new WatchedCheck(check, watched, vantagePoints.size(), checksRegistered++));
    }
    rule.requireFits(where, watched.checkNames());
    registered.put(backend, watched);
    backends.add(watched);
  }

  /** Registers a sentinel: a target independent of every service, watched for the guard only. */
  public void addSentinel(CheckSpec sentinel) {
    if (sentinels.containsKey(sentinel.name())) {
      throw new IllegalArgumentException(
          "sentinel '" + sentinel.name() + "' is already registered");
    }
    sentinels.put(
        sentinel.name(),
        new WatchedCheck(sentinel, null, vantagePoints.size(), checksRegistered++));
  }

  /** Feeds one result of a backend's check, taken at {@code vantage}. */
  public void record(
      String service, Backend backend, String check, String vantage, ProbeResult result) {
    record(check(service, backend, check).at(probedIndex(vantage)), result);
  }

  /** Feeds one result of a sentinel, taken at {@code vantage}. */
  public void recordSentinel(String sentinel, String vantage, ProbeResult result) {
    record(sentinel(sentinel).at(probedIndex(vantage)), result);
  }

  /**
   * Whether a backend's check, seen from {@code vantage}, is counting towards the other status (one
   * or more results against its current one), when probes use the fast interval.
   */
  public boolean transitioning(String service, Backend backend, String check, String vantage) {
    return check(service, backend, check).at(probedIndex(vantage)).state().count() > 0;
  }

  /** Whether a sentinel, seen from {@code vantage}, is counting towards the other status. */
  public boolean sentinelTransitioning(String sentinel, String vantage) {
    return sentinel(sentinel).at(probedIndex(vantage)).state().count() > 0;
  }

  /**
   * Takes a remote vantage point's report: its verdict for each backend, by service, received at
   * {@code receivedNanos} (from when its staleness counts). The report is whole: a registered
   * backend it leaves out reads UNKNOWN there, and an empty report means the replica left (every
   * backend UNKNOWN there until it reports again). Only the backends whose verdict there changed
   * are judged again.
   *
   * @return the services and backends ("service" or "service/backend") the report names that are
   *     not registered, which it ignores: replicas may run different configs during a rollout
   * @throws IllegalArgumentException for a vantage point that is not a remote one of this board
   */
  public List<String> report(
      String vantage, Map<String, Map<Backend, Verdict>> verdicts, long receivedNanos) {
    int v = vantageIndex(vantage);
    RemoteVantage remote = remotes[v];
    if (remote == null) {
      throw new IllegalArgumentException(
          "vantage point '" + vantage + "' is probed here; it takes results, not reports");
    }
    moveClock(receivedNanos);
    boolean counted = remote.counts();
    remote.reported(receivedNanos, verdicts.isEmpty());
    remote.expire(nowNanos);
    boolean counts = remote.counts();
    for (WatchedBackend watched : backends) {
      Verdict before = counted ? watched.reported[v] : Verdict.UNKNOWN;
      Map<Backend, Verdict> byBackend = verdicts.get(watched.service);
      Verdict now = byBackend == null ? null : byBackend.get(watched.backend);
      watched.reported[v] = now == null ? Verdict.UNKNOWN : now;
      if (before != (counts ? watched.reported[v] : Verdict.UNKNOWN)) {
        markToJudge(watched);
      }
    }
    armReports();
    return unregistered(verdicts);
  }

  /**
   * Each backend's verdict at the local vantage point (after its correlation guard) at {@code
   * nowNanos}, by service then backend, in registration order: what this replica publishes.
   */
  public Map<String, Map<Backend, Verdict>> localVerdicts(long nowNanos) {
    bringTo(nowNanos);
    Map<String, Map<Backend, Verdict>> verdicts = new LinkedHashMap<>();
    services.forEach(
        (service, registered) -> {
          Map<Backend, Verdict> byBackend = new EnumMap<>(Backend.class);
          registered.forEach(
              (backend, watched) -> byBackend.put(backend, watched.atVantage[localIndex]));
          verdicts.put(service, byBackend);
        });
    return verdicts;
  }

  /**
   * The verdicts of both backends of a service for the policy; a backend that is not registered is
   * UNKNOWN.
   */
  public HealthSnapshot snapshot(
      String service, long round, Instant wall, OptionalDouble cvmLoad, long nowNanos) {
    Map<Backend, WatchedBackend> registered = service(service);
    bringTo(nowNanos);
    WatchedBackend cvm = registered.get(Backend.CVM);
    WatchedBackend scf = registered.get(Backend.SCF);
    return new HealthSnapshot(
        cvm == null ? Verdict.UNKNOWN : cvm.verdict,
        scf == null ? Verdict.UNKNOWN : scf.verdict,
        round,
        cvmLoad,
        wall);
  }

  /** A backend's verdict with its summary and evidence, for the explain API. */
  public BackendHealth backendHealth(String service, Backend backend, long nowNanos) {
    WatchedBackend watched = backend(service, backend);
    bringTo(nowNanos);
    return evidenced(watched);
  }

  /**
   * Brings the board to {@code nowNanos} (checks without an Up or Down for too long go stale),
   * judges the backends whose checks changed, and tells {@code listener} of each backend whose
   * verdict differs from the one it was last told of (at first, UNKNOWN), in the order they
   * changed. A verdict that changed and changed back in between is not told. The listener may read
   * the board again; whatever that changes is told in the same call.
   */
  public void settle(long nowNanos, VerdictListener listener) {
    settle(nowNanos, listener, null);
  }

  /**
   * As {@link #settle(long, VerdictListener)}, and tells {@code vantages} first of each backend
   * whose verdict at a vantage point (the local one after its guard, a remote one as reported and
   * not stale) differs from the one it was last told of there (at first, UNKNOWN).
   */
  public void settle(long nowNanos, VerdictListener listener, VantageListener vantages) {
    bringTo(nowNanos);
    while (!toTell.isEmpty() || !toAnnounce.isEmpty()) {
      WatchedBackend next;
      while ((next = toTell.poll()) != null) {
        next.changedAtVantage = false;
        if (vantages != null) {
          tellVantages(next, vantages);
        }
      }
      while ((next = toAnnounce.poll()) != null) {
        next.changed = false;
        Verdict from = next.announced;
        if (from != next.verdict) {
          next.announced = next.verdict;
          listener.changed(next.service, next.backend, from, next.verdict);
        }
      }
    }
  }

  private void tellVantages(WatchedBackend watched, VantageListener vantages) {
    for (int v = 0; v < tallies.length; v++) {
      Verdict from = watched.toldAtVantage[v];
      Verdict to = watched.atVantage[v];
      if (from != to) {
        watched.toldAtVantage[v] = to;
        vantages.changed(watched.service, watched.backend, vantagePoints.get(v), from, to);
      }
    }
  }

  /**
   * How many times a backend's verdict has been judged from its checks since the board was built
   * (the explain API's evidence aside): a measure of the board's work, for tests and benchmarks.
   */
  public long judgements() {
    return judgements;
  }

  private void record(CheckAtVantage seen, ProbeResult result) {
    Objects.requireNonNull(result, "result");
    moveClock(result.atNanos());
    seen.record(result);
    stale.watch(seen);
    refresh(seen);
  }

  /** Moves the clock to {@code nowNanos} and judges every backend whose checks changed. */
  private void bringTo(long nowNanos) {
    moveClock(nowNanos);
    WatchedBackend next;
    while ((next = toJudge.poll()) != null) {
      next.dirty = false;
      judge(next);
    }
  }

  /**
   * Moves the board's clock forward to {@code nowNanos}, letting checks and reports go stale on the
   * way.
   */
  private void moveClock(long nowNanos) {
    if (!timeKnown || nowNanos - this.nowNanos > 0) {
      this.nowNanos = nowNanos;
      timeKnown = true;
      stale.expire(nowNanos, refresh);
      if (reportsArmed && nowNanos - nextReportStale > 0) {
        expireReports();
      }
    }
  }

  /** Lets every report older than its staleness go stale, marking the backends it had a say on. */
  private void expireReports() {
    for (int v = 0; v < remotes.length; v++) {
      if (remotes[v] != null && remotes[v].expire(nowNanos)) {
        for (WatchedBackend watched : backends) {
          if (watched.reported[v] != Verdict.UNKNOWN) {
            markToJudge(watched);
          }
        }
      }
    }
    armReports();
  }

  /** Notes when the next counting report goes stale, if any counts. */
  private void armReports() {
    reportsArmed = false;
    for (RemoteVantage remote : remotes) {
      if (remote != null && remote.counts()) {
        long at = remote.staleAtNanos();
        if (!reportsArmed || at - nextReportStale < 0) {
          nextReportStale = at;
          reportsArmed = true;
        }
      }
    }
  }

  private List<String> unregistered(Map<String, Map<Backend, Verdict>> verdicts) {
    List<String> unknown = new ArrayList<>();
    verdicts.forEach(
        (service, byBackend) -> {
          Map<Backend, WatchedBackend> registered = services.get(service);
          if (registered == null) {
            unknown.add(service);
            return;
          }
          for (Backend backend : byBackend.keySet()) {
            if (!registered.containsKey(backend)) {
              unknown.add(service + "/" + backend.id());
            }
          }
        });
    return unknown;
  }

  /**
   * Holds {@code seen}'s status at the board's time, if it changed: its tally moves it between
   * counts, its backend is marked to be judged, and if the guard's finding flipped, so is every
   * backend.
   */
  private void refresh(CheckAtVantage seen) {
    if (!seen.differsAt(nowNanos)) {
      return;
    }
    VantageTally tally = tallies[seen.vantage()];
    tally.leave(seen);
    seen.hold(nowNanos);
    tally.enter(seen);
    if (seen.check().owner() != null) {
      markToJudge(seen.check().owner());
    }
    if (tally.reassess(guard)) {
      backends.forEach(this::markToJudge);
    }
  }

  private void markToJudge(WatchedBackend watched) {
    if (!watched.dirty) {
      watched.dirty = true;
      toJudge.add(watched);
    }
  }

  private void judge(WatchedBackend watched) {
    judgements++;
    List<Verdict> byVantage = new ArrayList<>(tallies.length);
    for (int v = 0; v < tallies.length; v++) {
      Verdict at = verdictAt(watched, v);
      byVantage.add(at);
      if (at != watched.atVantage[v]) {
        watched.atVantage[v] = at;
        if (!watched.changedAtVantage) {
          watched.changedAtVantage = true;
          toTell.add(watched);
        }
      }
    }
    Verdict verdict = watched.rule.acrossVantages(byVantage);
    if (verdict != watched.verdict) {
      watched.verdict = verdict;
      if (!watched.changed) {
        watched.changed = true;
        toAnnounce.add(watched);
      }
    }
  }

  /**
   * A backend's verdict at one vantage point: from its checks there, unless the guard suspects the
   * prober; or, at a remote one, as reported while the report counts.
   */
  private Verdict verdictAt(WatchedBackend watched, int v) {
    RemoteVantage remote = remotes[v];
    if (remote != null) {
      return remote.counts() ? watched.reported[v] : Verdict.UNKNOWN;
    }
    return tallies[v].suspect() ? Verdict.UNKNOWN : watched.rule.atVantage(watched.statusesAt(v));
  }

  private BackendHealth evidenced(WatchedBackend watched) {
    List<Evidence> evidence = new ArrayList<>();
    List<Verdict> byVantage = new ArrayList<>();
    StringJoiner views = new StringJoiner("; ");
    for (int v = 0; v < tallies.length; v++) {
      String vantage = vantagePoints.get(v);
      if (remotes[v] != null) {
        Verdict verdict = verdictAt(watched, v);
        String how = remotes[v].describe(nowNanos);
        evidence.add(Evidence.reported(vantage, verdict, how));
        byVantage.add(verdict);
        views.add(vantage + " " + verdict + " (" + how + ")");
        continue;
      }
      Map<String, Verdict> statuses = watched.statusesAt(v);
      for (WatchedCheck check : watched.checks().values()) {
        evidence.add(
            new Evidence(
                vantage, check.name(), statuses.get(check.name()), check.at(v).state().recent()));
      }
      boolean suspect = tallies[v].suspect();
      Verdict verdict = suspect ? Verdict.UNKNOWN : watched.rule.atVantage(statuses);
      byVantage.add(verdict);
      views.add(
          vantage
              + " "
              + verdict
              + " "
              + (suspect ? "(" + guard.explain(tallies[v]) + ")" : statuses.toString()));
    }
    Verdict verdict = watched.rule.acrossVantages(byVantage);
    String summary =
        String.format(
            Locale.ROOT,
            "%s %s; %s",
            watched.where(),
            headline(verdict, byVantage, watched.rule),
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

  private Map<Backend, WatchedBackend> service(String service) {
    Map<Backend, WatchedBackend> registered = services.get(service);
    if (registered == null) {
      throw new IllegalArgumentException(
          "unknown service '" + service + "'; known: " + services.keySet());
    }
    return registered;
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

  /** A vantage point's index, if this board probes from it. */
  private int probedIndex(String vantage) {
    int index = vantageIndex(vantage);
    if (remotes[index] != null) {
      throw new IllegalArgumentException(
          "vantage point '"
              + vantage
              + "' is another replica's; it reports, it is not probed here");
    }
    return index;
  }

  private int vantageIndex(String vantage) {
    int index = vantagePoints.indexOf(vantage);
    if (index < 0) {
      throw new IllegalArgumentException(
          "unknown vantage point '" + vantage + "'; known: " + vantagePoints);
    }
    return index;
  }
}
