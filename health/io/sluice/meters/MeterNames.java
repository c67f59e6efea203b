package io.sluice.meters;

import java.time.Duration;

/**
 * Every meter name and tag key Sluice exports, in one place, so that dashboards, alert rules and
 * {@code docs/observability.md} have a single list to agree with. Names use Micrometer's dotted
 * form; the Prometheus registry exports {@code sluice.probe.duration} as {@code
 * sluice_probe_duration_seconds}. This class lives in the lowest layer that records meters, so that
 * the controller's meters can be named here too.
 */
public final class MeterNames {
  private MeterNames() {}

  /** Timer: how long each probe or cloud-signal read took. Tags: service, backend, check. */
  public static final String CHECK_DURATION = "sluice.probe.duration";

  /**
   * Counter: probe and cloud-signal results. Tags: service, backend, check, outcome, reason (the
   * {@code DownReason} or {@code InconclusiveCause}, {@code none} when up).
   */
  public static final String CHECK_RESULTS = "sluice.probe.results";

  /** Timer: how late each probe started against its plan. No tags. */
  public static final String SCHEDULE_LAG = "sluice.probe.schedule.lag";

  /**
   * Counter: probe results shed, unread, because the deciding context fell behind and the queue
   * between the probers and it was full (they count as Inconclusive). No tags.
   */
  public static final String RESULTS_SHED = "sluice.probe.results.shed";

  /** Gauge, 0 or 1: a backend's current verdict. Tags: service, backend, verdict. */
  public static final String BACKEND_VERDICT = "sluice.backend.verdict";

  /** Gauge: requests per second Cloud Monitor last reported on a backend's rule. */
  public static final String BACKEND_LOAD_RPS = "sluice.backend.load.requests";

  /** Gauge, 0-1: the 5xx share Cloud Monitor last reported on a backend's rule. */
  public static final String BACKEND_LOAD_5XX = "sluice.backend.load.errors.ratio";

  /**
   * Timer: each guarded cloud API call, waits and retries included. Tags: action, outcome, code.
   */
  public static final String CLOUD_CALL = "sluice.cloud.call";

  /** Gauge: a route's weight in percent. Tags: service, route, backend, state (desired/actual). */
  public static final String ROUTE_WEIGHT = "sluice.route.weight";

  /** Gauge, 0 or 1: a route's phase. Tags: service, route, phase. */
  public static final String ROUTE_PHASE = "sluice.route.phase";

  /**
   * Gauge, 0 or 1: what a route's reconciler is doing (UNSTARTED, COLD_READING, IDLE, READING,
   * APPLYING, WAITING). Tags: service, route, stage.
   */
  public static final String ROUTE_STAGE = "sluice.route.stage";

  /**
   * Gauge: a route's reads or changes that failed in a row; 0 once a change succeeds or the route
   * is found where the policy wants it. Tags: service, route.
   */
  public static final String ROUTE_FAILURES = "sluice.route.failures";

  /** Counter: policy decisions. Tags: service, route, decision (hold/shift/freeze), rule. */
  public static final String DECISIONS = "sluice.decisions";

  /**
   * Counter: SCF pre-warms and their releases, by how they ended. Tags: service, route, outcome
   * ({@code ready}, {@code timed_out}, {@code failed}, {@code released}, {@code release_failed}).
   */
  public static final String PREWARM = "sluice.prewarm";

  /** Timer: carrying out a route's change through its actuators. Tags: service, route, outcome. */
  public static final String CHANGES = "sluice.route.changes";

  /**
   * Timer: how long a CLB write's asynchronous task took to end, polled with DescribeTaskStatus.
   * Tags: action (the write, such as RegisterTargets), outcome (done, failed, budget_spent).
   */
  public static final String TASK_WAIT = "sluice.actuation.task.wait";

  /**
   * Counter: whether requests followed an applied change. Tags: service, route, outcome (moved,
   * not_moved, no_data, and escalated when a change was not moved even after a retry).
   */
  public static final String VERIFICATIONS = "sluice.route.verifications";

  /**
   * Gauge, seconds: how long the operator override in force on a route has left; 0 without one.
   * Tags: service, route.
   */
  public static final String OVERRIDE_REMAINING = "sluice.override.remaining";

  /**
   * Counter: notifications by how their delivery ended. Tags: sink, outcome (delivered, failed,
   * dropped: the queue was full, filtered: below the sink's severity).
   */
  public static final String NOTIFICATIONS = "sluice.notifications";

  /**
   * Timer: how long a change left a route with nothing routed, as the actuator measured it (a
   * clb-rule switch on a rule that cannot hold CVM targets and a function at once). Tags: service,
   * route, action (the actuator: clb-rule).
   */
  public static final String UNROUTED = "sluice.actuation.unrouted";

  /**
   * Counter: journal appends of a change's outcome or a write's answer that failed (the change went
   * on and was audited). Tags: service, route.
   */
  public static final String JOURNAL_FAILURES = "sluice.journal.failures";

  /** Counter: intent journal appends (each forced to disk). */
  public static final String JOURNAL_WRITES = "sluice.journal.writes";

  /** Gauge: 1 while an operator override is in force for the service, else 0. Tags: service. */
  public static final String OVERRIDE_ACTIVE = "sluice.override.active";

  /** Counter: audit log entries written (each forced to disk). */
  public static final String AUDIT_WRITES = "sluice.audit.writes";

  /** Timer: how late each controller tick ran against its plan. */
  public static final String TICK_LAG = "sluice.tick.lag";

  /** Counter: ticks that failed with an unexpected error (the loop goes on). */
  public static final String TICK_ERRORS = "sluice.tick.errors";

  /** Counter: wall-clock jumps noticed between ticks (monotonic time kept the schedule). */
  public static final String CLOCK_JUMPS = "sluice.clock.jumps";

  /**
   * Counter: failures of Sluice's own code (an exception thrown by its parsing or judging around a
   * cloud call) or state directory (an audit entry or the overrides file not written), never the
   * cloud's. Tags: where ({@code cloud-call}, {@code signal-judge}, {@code audit}, {@code
   * overrides}).
   */
  public static final String INTERNAL_ERRORS = "sluice.internal.errors";

  public static final String TAG_ROUTE = "route";
  public static final String TAG_STATE = "state";
  public static final String TAG_PHASE = "phase";
  public static final String TAG_STAGE = "stage";
  public static final String TAG_DECISION = "decision";
  public static final String TAG_RULE = "rule";
  public static final String TAG_SERVICE = "service";
  public static final String TAG_BACKEND = "backend";
  public static final String TAG_CHECK = "check";
  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_REASON = "reason";
  public static final String TAG_VERDICT = "verdict";
  public static final String TAG_ACTION = "action";
  public static final String TAG_CODE = "code";
  public static final String TAG_SINK = "sink";
  public static final String TAG_WHERE = "where";

  /**
   * The bucket bounds of latency histograms whose range is known (cloud calls, CLB tasks): a fixed
   * short list keeps the series per action few, where a percentile histogram would add about 70.
   */
  public static final Duration[] CLOUD_LATENCY_BUCKETS = {
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  /**
   * The bucket bounds of the per-check probe latency histogram: ten bounds per check, where a
   * percentile histogram had 69 (with a thousand services that alone was 14 MB of /metrics).
   */
  public static final Duration[] PROBE_LATENCY_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  // replica groups (ZkGroup)

  /** Gauge: 1 while this replica leads its group (it alone writes to the cloud), else 0. */
  public static final String HA_LEADER = "sluice.ha.leader";

  /** Gauge: the epoch this replica leads in (the fencing token); 0 while it follows. */
  public static final String HA_EPOCH = "sluice.ha.epoch";

  /** Gauge: 1 while this replica's ZooKeeper connection is up, 0 while suspended or lost. */
  public static final String HA_CONNECTED = "sluice.ha.connected";

  /**
   * Gauge, seconds: how long this replica may still act (its lease left); 0 while it follows or its
   * connection is suspended.
   */
  public static final String HA_LEASE = "sluice.ha.lease";

  /** Gauge: the replicas whose ZooKeeper sessions live, this one included. */
  public static final String HA_REPLICAS = "sluice.ha.replicas";

  /**
   * Gauge, seconds: this replica's wall clock against the group's (its offset from ZooKeeper's
   * clock minus the median of the replicas' offsets); positive: ahead.
   */
  public static final String HA_CLOCK_SKEW = "sluice.ha.clock.skew";

  /**
   * Gauge: 1 while this replica may run for leadership by its clock, 0 while most replicas' clocks
   * are more than a minute from its own (it has stepped out of the election).
   */
  public static final String HA_CLOCK_IN_STEP = "sluice.ha.clock.in.step";

  /** Counter: fenced writes refused because this replica no longer led in their epoch. */
  public static final String HA_FENCED_OUT = "sluice.ha.fenced.out";

  /** Counter: leadership grants this replica took, each a new epoch. */
  public static final String HA_ELECTIONS = "sluice.ha.elections";

  // vantage points (quorum over replicas)

  /**
   * Gauge, 0 or 1: a backend's verdict at each vantage point (the local one after its correlation
   * guard, another replica's as reported, UNKNOWN once stale or left). Tags: service, backend,
   * vantage, verdict.
   */
  public static final String BACKEND_VANTAGE_VERDICT = "sluice.backend.vantage.verdict";

  /** Counter: verdict reports received from another replica. Tags: replica. */
  public static final String HA_VERDICT_REPORTS = "sluice.ha.verdict.reports";

  /**
   * Gauge, seconds: how old another replica's last verdict report is; NaN before its first. Tags:
   * replica.
   */
  public static final String HA_VERDICT_AGE = "sluice.ha.verdict.age";

  public static final String TAG_VANTAGE = "vantage";
  public static final String TAG_REPLICA = "replica";
}
