package io.sluice.sandbox.clb;

import io.sluice.sandbox.scf.FunctionRef;
import java.util.Objects;

/**
 * An SCF function behind a layer-7 rule ({@code FunctionTarget{Function, Weight}}). CLB allows one
 * per rule.
 *
 * @param function namespace, name and the qualifier (version or alias) as the caller bound it
 * @param qualifierType {@code VERSION} or {@code ALIAS}, or null when the caller left it out
 * @param weight the forwarding weight; its documented range is UNCONFIRMED, the sandbox applies the
 *     CVM range 0-100
 */
public record FunctionTarget(FunctionRef function, String qualifierType, int weight) {
  public FunctionTarget {
    Objects.requireNonNull(function, "function");
  }

  /** Two targets name the same function binding when namespace and name agree. */
  public boolean sameFunction(FunctionRef other) {
    return function.namespace().equals(other.namespace()) && function.name().equals(other.name());
  }
}
