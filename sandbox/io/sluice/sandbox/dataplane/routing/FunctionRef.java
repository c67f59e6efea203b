package io.sluice.sandbox.dataplane.routing;

import java.util.Objects;

/**
 * Names one SCF function version or alias, the way a CLB function target does ({@code
 * FunctionNamespace}, {@code FunctionName}, {@code FunctionQualifier}).
 */
public record FunctionRef(String namespace, String name, String qualifier) {
  public FunctionRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qualifier, "qualifier");
  }

  /**
   * The {@code lanip} CLB monitoring uses for a function backend: {@code namespace/name/qualifier}
   * (reference 5.5).
   */
  public String monitoringAddress() {
    return namespace + "/" + name + "/" + qualifier;
  }
}
