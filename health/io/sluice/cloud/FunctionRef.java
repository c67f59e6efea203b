package io.sluice.cloud;

import java.util.Objects;

/**
 * An SCF function as GetFunction addresses it.
 *
 * @param qualifier a version or alias; {@code $LATEST} by default
 */
public record FunctionRef(String namespace, String name, String qualifier) {
  public FunctionRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qualifier, "qualifier");
  }

  /** {@code default/name:$LATEST}. */
  public static FunctionRef latest(String name) {
    return new FunctionRef("default", name, "$LATEST");
  }

  @Override
  public String toString() {
    return namespace + "/" + name + ":" + qualifier;
  }
}
