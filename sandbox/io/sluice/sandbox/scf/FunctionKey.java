package io.sluice.sandbox.scf;

import java.util.Objects;

/** Identifies a function: SCF scopes function names by region and namespace. */
public record FunctionKey(String region, String namespace, String name) {
  public FunctionKey {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }
}
