package io.sluice.sandbox.scf;

import java.util.Objects;

/**
 * Names one function and one of its qualifiers: {@code $LATEST}, a published version ("1", "2"...)
 * or an alias. The region is not part of it: a caller's region scopes the lookup.
 */
public record FunctionRef(String namespace, String name, String qualifier) {
  public static final String DEFAULT_NAMESPACE = "default";
  public static final String LATEST = "$LATEST";

  public FunctionRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qualifier, "qualifier");
  }

  public FunctionKey key(String region) {
    return new FunctionKey(region, namespace, name);
  }

  @Override
  public String toString() {
    return namespace + "/" + name + ":" + qualifier;
  }
}
