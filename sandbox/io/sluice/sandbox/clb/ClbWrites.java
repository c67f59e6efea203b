package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.Params;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The seven CLB writes. Each one validates at once by applying its edit to the current state (a dry
 * run whose result is dropped), then hands the same edit to the {@link TaskEngine}, which applies
 * it when the task completes. The answer is only the RequestId, which is the TaskId.
 */
final class ClbWrites {
  private final ClbState state;
  private final TaskEngine tasks;
  private final TargetHealthBoard health;
  private final InstanceDirectory directory;
  private final FunctionBindingCheck functionCheck;
  private final ClbSettings settings;

  ClbWrites(
      ClbState state,
      TaskEngine tasks,
      TargetHealthBoard health,
      InstanceDirectory directory,
      FunctionBindingCheck functionCheck,
      ClbSettings settings) {
    this.state = state;
    this.tasks = tasks;
    this.health = health;
    this.directory = directory;
    this.functionCheck = functionCheck;
    this.settings = settings;
  }

  JsonObject registerTargets(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    BackendSite site = SiteLocator.locate(lb, p);
    List<CvmTarget> added = TargetParams.toRegister(p, directory);
    return submit(
        req,
        lb,
        l -> l.withBackends(site, b -> b.register(added, settings.mixedRuleTargets())),
        () -> {});
  }

  JsonObject deregisterTargets(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    BackendSite site = SiteLocator.locate(lb, p);
    List<TargetBinding> removed = TargetParams.toDeregister(p);
    Runnable forgetHealth =
        () -> removed.forEach(t -> health.forget(TargetHealthKey.of(lb.loadBalancerId(), site, t)));
    return submit(req, lb, l -> l.withBackends(site, b -> b.deregister(removed)), forgetHealth);
  }

  JsonObject modifyTargetWeight(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    BackendSite site = SiteLocator.locate(lb, p);
    Map<TargetBinding, Integer> weights = TargetParams.weights(p, Integer.MAX_VALUE);
    return submit(req, lb, l -> l.withBackends(site, b -> b.reweigh(weights)), () -> {});
  }

  /**
   * Several weight changes in one task. The documented limits (100 rules, 50 targets per rule, 500
   * in all) answer {@code LimitExceeded} (UNCONFIRMED code).
   */
  JsonObject batchModifyTargetWeight(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    p.requireArray("ModifyList");
    List<Params> rules = p.objects("ModifyList");
    if (rules.size() > ClbSettings.MAX_BATCH_RULES) {
      throw limit("ModifyList may hold at most 100 rules, got " + rules.size() + ".");
    }
    UnaryOperator<LoadBalancer> edit = UnaryOperator.identity();
    int total = 0;
    for (Params rule : rules) {
      BackendSite site = SiteLocator.locate(lb, rule);
      Map<TargetBinding, Integer> weights =
          TargetParams.weights(rule, ClbSettings.MAX_BATCH_TARGETS_PER_RULE);
      total += weights.size();
      UnaryOperator<LoadBalancer> before = edit;
      edit = l -> before.apply(l).withBackends(site, b -> b.reweigh(weights));
    }
    if (total > ClbSettings.MAX_BATCH_TARGETS) {
      throw limit("ModifyList may hold at most 500 targets in all, got " + total + ".");
    }
    return submit(req, lb, edit, () -> {});
  }

  JsonObject registerFunctionTargets(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    BackendSite site = SiteLocator.locateForFunction(lb, p);
    FunctionTarget added = FunctionTargetParams.readOne(p);
    functionCheck.check(lb.region(), added);
    return submit(
        req,
        lb,
        l -> l.withBackends(site, b -> b.bindFunction(added, settings.mixedRuleTargets())),
        () -> {});
  }

  JsonObject deregisterFunctionTargets(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    BackendSite site = SiteLocator.locateForFunction(lb, p);
    List<FunctionTarget> removed = FunctionTargetParams.read(p);
    UnaryOperator<Backends> unbindAll =
        b -> {
          Backends next = b;
          for (FunctionTarget f : removed) {
            next = next.unbindFunction(f.function());
          }
          return next;
        };
    return submit(req, lb, l -> l.withBackends(site, unbindAll), () -> {});
  }

  /**
   * Replaces the rule's function binding (qualifier, weight); treated as async like Terraform does.
   */
  JsonObject modifyFunctionTargets(ApiRequest req) {
    Params p = req.params();
    LoadBalancer lb = state.require(p.requireString("LoadBalancerId"));
    BackendSite site = SiteLocator.locateForFunction(lb, p);
    FunctionTarget replacement = FunctionTargetParams.readOne(p);
    functionCheck.check(lb.region(), replacement);
    return submit(
        req, lb, l -> l.withBackends(site, b -> b.replaceFunction(replacement)), () -> {});
  }

  private JsonObject submit(
      ApiRequest req, LoadBalancer current, UnaryOperator<LoadBalancer> edit, Runnable after) {
    edit.apply(current);
    String lbId = current.loadBalancerId();
    tasks.submit(
        req.requestId(),
        req.action(),
        List.of(lbId),
        () -> {
          state.update(lbId, edit);
          after.run();
        });
    return new JsonObject();
  }

  private static ApiException limit(String message) {
    return new ApiException("LimitExceeded", message);
  }
}
