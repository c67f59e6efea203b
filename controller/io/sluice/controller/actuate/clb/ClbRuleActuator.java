package io.sluice.controller.actuate.clb;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.cloud.ClbRule;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudFailure;
import io.sluice.cloud.CloudGuards;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Pauses;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ClbTarget;
import io.sluice.health.signal.SdkCvmInstanceState;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code clb-rule} actuator: moves a failover service's traffic by switching what the CVM
 * backend's CLB rule (the one users reach) forwards to, between its CVM targets and the SCF
 * function. One instance per service.
 *
 * <p>The CVM side's membership is not Sluice's: an Auto Scaling group or an SRE adds, removes and
 * re-weights targets, and while the rule routes to CVM alone its targets are the truth. Every read
 * that shows no function refreshes the rule's <em>home targets</em> ({@link HomeTargets}, kept
 * across restarts), because after a failover the rule no longer holds them and a failback, possibly
 * by a restarted controller, must register them again; before it does, instances the CVM API no
 * longer knows (terminated while the rule routed to the function) are left out ({@link
 * InstanceRegistry}). Changes on the CVM side never read as a split to repair ({@link RuleReading},
 * {@link RuleMembers}).
 *
 * <p>Mixing: whether one rule may hold CVM targets and a function at once is UNCONFIRMED (reference
 * §3.7), so the constructor is told. With mixing, any split is expressed by weights ({@link
 * RulePlanner}) and every write is make-before-break. Without it, only whole splits exist and a
 * switch leaves the rule without a target between two writes; that gap is measured and named in
 * {@link Applied#gap()}.
 *
 * <p>Every apply runs under the load balancer's lock ({@link ClbLocks}) and re-reads the rule there
 * first: the plan needs the actual target list, and a plan made from an older read could undo a
 * write made meanwhile. {@code actual} is therefore only a hint. Writes are polled with
 * DescribeTaskStatus within {@code taskBudget} each ({@link StepRunner}).
 *
 * <p>Threading: call from one Vert.x context (the reconciler's); results arrive on it. The home
 * store is written on that context when the home targets change, with an fsync.
 */
public final class ClbRuleActuator implements Actuator {
  public static final String KIND = "clb-rule";
  public static final Duration DEFAULT_TASK_BUDGET = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(ClbRuleActuator.class);

  private final RuleApi api;
  private final String name;
  private final FunctionBinding function;
  private final boolean mixedTargets;
  private final ClbLocks locks;
  private final HomeTargets homes;
  private final InstanceRegistry instances;
  private final StepRunner steps;
  private final LongSupplier nanos;
  private boolean besideDnsWeights;
  private List<CvmTarget> home;

  /**
   * An actuator on the cloud through the official SDK.
   *
   * @param rule the CVM backend's layer-7 rule, which users reach
   * @param function the SCF backend's function, bound to {@code rule} on failover
   * @param mixedTargets whether the rule may hold CVM targets and the function at once
   * @param locks shared by every clb-rule actuator, so one CLB has one write in flight
   * @param homes where the rule's home targets are kept across restarts
   * @param meters where the task waits are timed ({@code sluice.actuation.task.wait})
   * @param taskBudget how long one write may take, retries of a busy load balancer and the wait for
   *     its task included; {@link #DEFAULT_TASK_BUDGET} unless a test needs less
   */
  public ClbRuleActuator(
      ClbTarget rule,
      BackendConfig.Function function,
      boolean mixedTargets,
      CloudClients clients,
      CloudGuards guards,
      ClbLocks locks,
      HomeTargets homes,
      MeterRegistry meters,
      Vertx vertx,
      Duration taskBudget) {
    this(
        new SdkRuleApi(clients.clb(), Objects.requireNonNull(guards, "guards"), ruleOf(rule)),
        FunctionBinding.of(function, 0),
        mixedTargets,
        locks,
        homes,
        new SdkInstanceRegistry(new SdkCvmInstanceState(clients, guards)),
        Pauses.of(vertx),
        System::nanoTime,
        meters,
        taskBudget);
  }

  /**
   * @param function the configured function (its weight is ignored)
   * @param pauses how writes wait between attempts and task polls
   * @param nanos the monotonic clock that budgets and gaps are measured on
   */
  ClbRuleActuator(
      RuleApi api,
      FunctionBinding function,
      boolean mixedTargets,
      ClbLocks locks,
      HomeTargets homes,
      InstanceRegistry instances,
      Pauses pauses,
      LongSupplier nanos,
      MeterRegistry meters,
      Duration taskBudget) {
    this.api = Objects.requireNonNull(api, "api");
    this.name = api.rule().toString();
    this.function = Objects.requireNonNull(function, "function");
    this.mixedTargets = mixedTargets;
    this.locks = Objects.requireNonNull(locks, "locks");
    this.homes = Objects.requireNonNull(homes, "homes");
    this.instances = Objects.requireNonNull(instances, "instances");
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    if (taskBudget.isNegative() || taskBudget.isZero()) {
      throw new IllegalArgumentException("taskBudget: must be positive, got " + taskBudget);
    }
    this.steps = new StepRunner(api, pauses, nanos, taskBudget, meters);
    this.home = loadHome(homes, name);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<Routing> read() {
    return describe().map(now -> RuleReading.routing(name, now, homeFor(now), function));
  }

  /**
   * Tells the actuator that DNS weights split the service's traffic between the two CLB instances
   * ({@code actuator: both}) and this rule only decides where the CVM instance's share goes. A rule
   * that cannot hold both kinds then forwards to its CVM targets whenever CVM has any share (a
   * failback step of 50/50 sends half of the names' answers to this rule, which must then reach
   * CVM), and to the function only when CVM has none.
   */
  public ClbRuleActuator besideDnsWeightsIf(boolean dnsWeightsToo) {
    this.besideDnsWeights = dnsWeightsToo;
    return this;
  }

  @Override
  public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(log, "log");
    TrafficSplit forRule =
        besideDnsWeights && !mixedTargets && desired.cvm() > 0 ? new TrafficSplit(100, 0) : desired;
    return locks.withLock(api.rule().loadBalancerId(), () -> applyLocked(forRule, log));
  }

  @Override
  public boolean holdsEverySplit() {
    return mixedTargets;
  }

  /**
   * A rule that cannot hold both kinds holds {@code split} as a whole split: beside DNS weights,
   * CVM whenever it has a share; alone, the larger share, a tie keeping the kind it has.
   */
  @Override
  public boolean holds(Routing current, TrafficSplit split) {
    if (mixedTargets || !current.uniform()) {
      return Actuator.super.holds(current, split);
    }
    TrafficSplit whole;
    if (besideDnsWeights) {
      whole = split.cvm() > 0 ? new TrafficSplit(100, 0) : new TrafficSplit(0, 100);
    } else if (split.cvm() == split.scf()) {
      whole = current.split();
    } else {
      whole = split.cvm() > split.scf() ? new TrafficSplit(100, 0) : new TrafficSplit(0, 100);
    }
    return current.split().equals(whole);
  }

  private Future<Applied> applyLocked(TrafficSplit desired, StepLog log) {
    return describe()
        .compose(now -> liveHome(now, desired).map(known -> plan(now, known, desired)))
        .compose(
            planned -> {
              RulePlan plan = planned.plan();
              if (plan.isEmpty()) {
                return Future.succeededFuture(
                    new Applied(
                        RuleReading.routing(name, plan.from(), planned.home(), function),
                        List.of(),
                        Optional.empty()));
              }
              LOG.info(
                  "rule {}: {} -> {} in {} writes: {}",
                  name,
                  plan.from().describe(),
                  plan.split(),
                  plan.steps().size(),
                  plan.steps().stream()
                      .map(s -> s.action().apiName() + " " + s.value())
                      .collect(Collectors.joining("; ")));
              if (!plan.from().routesNothing()
                  && plan.states().stream().anyMatch(RuleBackends::routesNothing)) {
                // the plan states its gap before it opens: the rule cannot hold both kinds
                LOG.info(
                    "rule {}: this switch leaves the rule without a target between its writes"
                        + " (actuator.clbMixedTargets is false); the gap is measured and reported"
                        + " as sluice_actuation_unrouted_seconds",
                    name);
              }
              return execute(plan, log);
            });
  }

  /** A plan and the home targets it was made with. */
  private record Planned(RulePlan plan, List<CvmTarget> home) {}

  private Planned plan(RuleBackends now, List<CvmTarget> known, TrafficSplit desired) {
    return new Planned(RulePlanner.plan(name, now, known, function, desired, mixedTargets), known);
  }

  /**
   * The home targets to register, without the instances the CVM API no longer knows. Asked only
   * when they are needed: CVM is to get traffic and the rule routes to no CVM target now. When the
   * CVM API cannot answer, the stored set is used as it is (a terminated instance then fails the
   * write, and the next attempt asks again).
   */
  private Future<List<CvmTarget>> liveHome(RuleBackends now, TrafficSplit desired) {
    List<CvmTarget> stored = homeFor(now);
    if (desired.cvm() == 0 || now.cvmRouted() || stored.isEmpty()) {
      return Future.succeededFuture(stored);
    }
    return instances
        .gone(stored.stream().map(CvmTarget::instanceId).toList())
        .map(
            gone -> {
              if (gone.isEmpty()) {
                return stored;
              }
              List<CvmTarget> live =
                  stored.stream().filter(t -> !gone.contains(t.instanceId())).toList();
              LOG.warn(
                  "rule {}: the CVM API no longer knows {}; registering the other home targets {}",
                  name,
                  gone,
                  live);
              return live;
            })
        .otherwise(
            failure -> {
              LOG.warn(
                  "rule {}: cannot ask the CVM API which home instances still exist ({}); using"
                      + " the stored home targets {}",
                  name,
                  CloudFailure.describe(failure),
                  stored);
              return stored;
            });
  }

  /** The plan's writes one after another, with nothing read in between; then the read-back. */
  private Future<Applied> execute(RulePlan plan, StepLog log) {
    GapWatch gaps =
        new GapWatch(
            name,
            plan,
            mixedTargets
                ? "the rule binds one function, so the old one had to go first"
                : "mixedRuleTargets rejected");
    List<RuleBackends> states = plan.states();
    List<String> requestIds = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < plan.steps().size(); i++) {
      int index = i;
      // the end of a step that leaves the rule with no target opens the gap: see it at once, so the
      // write that closes it goes out as soon as it may
      boolean opensGap = states.get(index).routesNothing();
      chain =
          chain.compose(
              v ->
                  steps
                      .run(plan.steps().get(index), log, () -> opensGap || gaps.open())
                      .<Void>map(
                          requestId -> {
                            requestIds.add(requestId);
                            gaps.observe(states.get(index), nanos.getAsLong());
                            return null;
                          })
                      .recover(
                          failure ->
                              Future.failedFuture(
                                  stepFailed(failure, index, plan, requestIds, gaps))));
    }
    return chain.compose(
        v ->
            describe()
                .map(
                    after ->
                        new Applied(
                            RuleReading.routing(name, after, homeFor(after), function),
                            requestIds,
                            gaps.report(),
                            gaps.unrouted()))
                .recover(failure -> Future.failedFuture(withRequestIds(failure, requestIds, ""))));
  }

  private ActuationException stepFailed(
      Throwable failure, int index, RulePlan plan, List<String> requestIds, GapWatch gaps) {
    String where =
        "rule "
            + name
            + ", write "
            + (index + 1)
            + " of "
            + plan.steps().size()
            + " towards "
            + plan.split()
            + gaps.stillOpen(nanos.getAsLong()).map(g -> " (" + g + ")").orElse("")
            + ": ";
    return withRequestIds(failure, requestIds, where);
  }

  /** The failure with every RequestId written so far, and where it happened. */
  private static ActuationException withRequestIds(
      Throwable failure, List<String> requestIds, String where) {
    List<String> all = new ArrayList<>(requestIds);
    if (failure instanceof ActuationException failed) {
      failed.requestIds().stream().filter(id -> !all.contains(id)).forEach(all::add);
      return new ActuationException(
          failed.outcome(), failed.code(), where + failed.getMessage(), all, failed.getCause());
    }
    return new ActuationException(
        Outcome.UNKNOWN, CloudFailure.meterCode(failure), where + failure, all, failure);
  }

  /** DescribeTargets for the rule; any failure is UNKNOWN. */
  private Future<RuleBackends> describe() {
    return api.describe()
        .recover(
            failure ->
                Future.failedFuture(
                    new ActuationException(
                        Outcome.UNKNOWN,
                        CloudFailure.meterCode(failure),
                        "cannot read rule " + name + ": " + failure,
                        List.of(),
                        failure)));
  }

  /**
   * The home targets, refreshed from every read: while the rule routes to CVM targets and no
   * function, those targets are the truth; while it routes to the function, CVM targets that appear
   * on it (an Auto Scaling group replacing the instances that failed) join the home set at their
   * weights, so a failback can register them even when the old ones are gone.
   */
  private List<CvmTarget> homeFor(RuleBackends now) {
    if (home.isEmpty()) {
      adoptShared();
    }
    if (now.cvmRouted() && !now.scfRouted()) {
      if (!now.targets().equals(home)) {
        keepHome(now.targets());
      }
    } else if (now.scfRouted()) {
      Map<String, CvmTarget> known = new RuleBackends(home, Optional.empty()).targetsByBinding();
      List<CvmTarget> joined =
          now.targets().stream()
              .filter(t -> t.weight() > 0 && !known.containsKey(t.binding()))
              .toList();
      if (!joined.isEmpty()) {
        List<CvmTarget> grown = new ArrayList<>(home);
        grown.addAll(joined);
        keepHome(grown);
      }
    }
    return home;
  }

  /**
   * The stored home targets, read once when the actuator is built (at the daemon's start, not on
   * the deciding context). A store that cannot be read is logged, and the rule starts with none:
   * the next read that shows CVM targets alone writes them again, and a failback meanwhile fails
   * with a message naming the missing home targets, never a read.
   */
  private static List<CvmTarget> loadHome(HomeTargets homes, String rule) {
    try {
      return usable(homes.load(rule));
    } catch (UncheckedIOException e) {
      LOG.error(
          "rule {}: cannot read the stored home targets ({}); starting without them until the"
              + " rule routes to CVM targets alone again",
          rule,
          e.getMessage());
      return List.of();
    }
  }

  /**
   * Takes the home targets another replica of the group stored, when this one knows none: a replica
   * that leads after a failover never saw the rule with CVM targets itself.
   */
  private void adoptShared() {
    List<CvmTarget> heard = usable(homes.shared(name));
    if (!heard.isEmpty()) {
      LOG.info("rule {}: home targets are {}, as the group stored them", name, heard);
      home = heard;
    }
  }

  /**
   * None when {@code stored} routes nothing: such a set (a file edited by hand) cannot fail back.
   */
  private static List<CvmTarget> usable(List<CvmTarget> stored) {
    return stored.stream().anyMatch(t -> t.weight() > 0) ? List.copyOf(stored) : List.of();
  }

  /**
   * Keeps {@code targets} as the home targets at once and stores them on the store's lane; a store
   * that fails is logged, never a reason to fail a read or a change.
   */
  private void keepHome(List<CvmTarget> targets) {
    LOG.info("rule {}: home targets are {} (were {})", name, targets, home);
    home = List.copyOf(targets);
    homes
        .save(name, home)
        .onFailure(
            e ->
                LOG.error(
                    "rule {}: cannot store the home targets {} ({}); they are kept in memory,"
                        + " and a restart before the next store would not know them",
                    name,
                    targets,
                    e.getMessage()));
  }

  private static ClbRule ruleOf(ClbTarget clb) {
    return clb.rule()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "clb-rule needs a layer-7 rule (locationId, or domain and url) on "
                        + clb.loadBalancerId()
                        + "/"
                        + clb.listenerId()));
  }
}
