package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.scf.FunctionRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one listener (layer 4) or one rule (layer 7) forwards to: CVM targets and at most one
 * function. Every edit returns a new value or throws the {@link ApiException} the API answers, so
 * the same edit serves as validation when a write is accepted and as the change when its task
 * completes.
 */
public record Backends(List<CvmTarget> targets, List<FunctionTarget> functions) {
  public static final Backends EMPTY = new Backends(List.of(), List.of());

  public Backends {
    targets = List.copyOf(targets);
    functions = List.copyOf(functions);
  }

  /** Binds new targets; a binding already present (or named twice) is a duplicate. */
  public Backends register(List<CvmTarget> added, MixedRuleTargets mixed) {
    if (!functions.isEmpty() && mixed == MixedRuleTargets.REJECTED) {
      throw mixedRule("a function is bound to this rule; CVM targets cannot join it");
    }
    Map<TargetBinding, CvmTarget> next = byBinding();
    for (CvmTarget t : added) {
      if (next.putIfAbsent(t.binding(), t) != null) {
        throw new ApiException(
            "InvalidParameterValue.Duplicate", "Target " + t.binding() + " is already bound.");
      }
    }
    return new Backends(List.copyOf(next.values()), functions);
  }

  public Backends deregister(List<TargetBinding> removed) {
    Map<TargetBinding, CvmTarget> next = byBinding();
    for (TargetBinding b : removed) {
      if (next.remove(b) == null) {
        throw notBound(b);
      }
    }
    return new Backends(List.copyOf(next.values()), functions);
  }

  public Backends reweigh(Map<TargetBinding, Integer> weights) {
    Map<TargetBinding, CvmTarget> next = byBinding();
    weights.forEach(
        (b, w) -> {
          CvmTarget t = next.get(b);
          if (t == null) {
            throw notBound(b);
          }
          next.put(b, t.withWeight(w));
        });
    return new Backends(List.copyOf(next.values()), functions);
  }

  /** Binds the rule's one function; a second one is over the documented limit. */
  public Backends bindFunction(FunctionTarget added, MixedRuleTargets mixed) {
    if (!functions.isEmpty()) {
      throw new ApiException(
          "LimitExceeded", "A forwarding rule can be bound to only one function, and this one is.");
    }
    if (!targets.isEmpty() && mixed == MixedRuleTargets.REJECTED) {
      throw mixedRule("CVM targets are bound to this rule; a function cannot join them");
    }
    return new Backends(targets, List.of(added));
  }

  public Backends unbindFunction(FunctionRef function) {
    List<FunctionTarget> next = new ArrayList<>(functions);
    if (!next.removeIf(f -> f.function().equals(function))) {
      throw new ApiException(
          "InvalidParameterValue",
          "Function " + describe(function) + " is not bound to this rule.");
    }
    return new Backends(targets, next);
  }

  /** Replaces the bound function (its qualifier or weight), as ModifyFunctionTargets does. */
  public Backends replaceFunction(FunctionTarget replacement) {
    if (functions.stream().noneMatch(f -> f.sameFunction(replacement.function()))) {
      throw new ApiException(
          "InvalidParameterValue",
          "Function " + describe(replacement.function()) + " is not bound to this rule.");
    }
    return new Backends(targets, List.of(replacement));
  }

  private Map<TargetBinding, CvmTarget> byBinding() {
    Map<TargetBinding, CvmTarget> out = new LinkedHashMap<>();
    targets.forEach(t -> out.put(t.binding(), t));
    return out;
  }

  private static ApiException notBound(TargetBinding b) {
    return new ApiException("InvalidParameterValue", "Target " + b + " is not bound.");
  }

  private static ApiException mixedRule(String why) {
    return new ApiException("FailedOperation", "Mixed rule targets are not allowed: " + why + ".");
  }

  private static String describe(FunctionRef f) {
    return f.namespace() + "/" + f.name() + ":" + f.qualifier();
  }
}
