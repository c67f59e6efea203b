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
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ClbTarget;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code clb-rule} actuator: moves a failover service's traffic by switching what the CVM
 * backend's CLB rule (the one users reach) forwards to, between its CVM targets and the SCF
 * function. One instance per service.
 *
 * <p>Home targets: the CVM targets the rule held when Sluice first saw it with CVM targets are
 * stored ({@link HomeTargets}), because after a failover the rule no longer holds them and a
 * failback, possibly after a restart, must register them again. The rule's CVM targets are Sluice's
 * to manage: a failback restores exactly the home targets, and targets added by hand while Sluice
 * runs are deregistered the next time the rule is written.
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
 * store is written on that context, once per rule, with an fsync.
 */
public final class ClbRuleActuator implements Actuator {
  public static final String KIND = "clb-rule";
  public static final Duration DEFAULT_TASK_BUDGET = Duration.ofSeconds(60);
  static final String HOME_STORE = "Sluice.HomeTargetsStore";
  private static final Logger LOG = LoggerFactory.getLogger(ClbRuleActuator.class);

  private final ClbRuleApi api;
  private final String name;
  private final FunctionBinding function;
  private final boolean mixedTargets;
  private final ClbLocks locks;
  private final HomeTargets homes;
  private final StepRunner steps;
  private List<CvmTarget> home;

  /**
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
    ClbRule clbRule = ruleOf(rule);
    this.api = new ClbRuleApi(clients.clb(), Objects.requireNonNull(guards, "guards"), clbRule);
    this.name = clbRule.toString();
    this.function = FunctionBinding.of(function, 0);
    this.mixedTargets = mixedTargets;
    this.locks = Objects.requireNonNull(locks, "locks");
    this.homes = Objects.requireNonNull(homes, "homes");
    if (taskBudget.isNegative() || taskBudget.isZero()) {
      throw new IllegalArgumentException("taskBudget: must be positive, got " + taskBudget);
    }
    this.steps = new StepRunner(api, vertx, taskBudget, meters);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<Routing> read() {
    return describe().map(now -> RuleReading.routing(name, now, homeFor(now), function));
  }

  @Override
  public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(log, "log");
    return locks.withLock(api.rule().loadBalancerId(), () -> applyLocked(desired, log));
  }

  private Future<Applied> applyLocked(TrafficSplit desired, StepLog log) {
    return describe()
        .compose(
            now -> {
              List<CvmTarget> known = homeFor(now);
              RulePlan plan = RulePlanner.plan(name, now, known, function, desired, mixedTargets);
              if (plan.isEmpty()) {
                return Future.succeededFuture(
                    new Applied(
                        RuleReading.routing(name, now, known, function),
                        List.of(),
                        Optional.empty()));
              }
              LOG.info(
                  "rule {}: {} -> {} in {} writes: {}",
                  name,
                  now.describe(),
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
      chain =
          chain.compose(
              v ->
                  steps
                      .run(plan.steps().get(index), log, gaps::open)
                      .<Void>map(
                          requestId -> {
                            requestIds.add(requestId);
                            gaps.observe(states.get(index), System.nanoTime());
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
            + gaps.stillOpen(System.nanoTime()).map(g -> " (" + g + ")").orElse("")
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
   * The home targets, loaded once; when none are stored and the rule routes to CVM targets now,
   * those are the home targets from now on.
   */
  private List<CvmTarget> homeFor(RuleBackends now) {
    try {
      if (home == null) {
        List<CvmTarget> stored = homes.load(name);
        // a stored set that routes nothing (a file edited by hand) could not serve a failback
        home = stored.stream().anyMatch(t -> t.weight() > 0) ? stored : List.of();
      }
      if (home.isEmpty() && now.cvmRouted()) {
        homes.save(name, now.targets());
        home = now.targets();
        LOG.info("rule {}: home targets are {}", name, home);
      }
      return home;
    } catch (UncheckedIOException e) {
      throw new ActuationException(
          Outcome.UNKNOWN,
          HOME_STORE,
          "rule " + name + ": home targets unavailable: " + e.getMessage(),
          List.of(),
          e);
    }
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
