package io.sluice.controller.actuate.clb;

import io.sluice.controller.config.BackendConfig;
import java.util.Objects;

/**
 * An SCF function bound to a CLB rule, with its forwarding weight. The weight's documented range is
 * UNCONFIRMED (reference §3.3); Sluice writes 0-100, the range of CVM targets, so that the two
 * kinds' weights compare on one scale.
 */
public record FunctionBinding(String namespace, String name, String qualifier, int weight) {

  public FunctionBinding {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qualifier, "qualifier");
    if (weight < 0 || weight > CvmTarget.MAX_WEIGHT) {
      throw new IllegalArgumentException("weight: must be 0-100, got " + weight);
    }
  }

  /**
   * The configured function with {@code weight}; an absent namespace or qualifier is the default.
   */
  public static FunctionBinding of(BackendConfig.Function function, int weight) {
    return new FunctionBinding(
        function.namespace() == null
            ? BackendConfig.Function.DEFAULT_NAMESPACE
            : function.namespace(),
        function.name(),
        function.qualifier() == null
            ? BackendConfig.Function.DEFAULT_QUALIFIER
            : function.qualifier(),
        weight);
  }

  /** Whether {@code other} binds the same function version or alias, whatever its weight. */
  public boolean sameFunction(FunctionBinding other) {
    return namespace.equals(other.namespace)
        && name.equals(other.name)
        && qualifier.equals(other.qualifier);
  }

  public FunctionBinding withWeight(int newWeight) {
    return new FunctionBinding(namespace, name, qualifier, newWeight);
  }

  /** {@code namespace/name:qualifier}. */
  public String function() {
    return namespace + "/" + name + ":" + qualifier;
  }

  @Override
  public String toString() {
    return function() + " weight=" + weight;
  }
}
