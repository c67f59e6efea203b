package io.sluice.sandbox.scf;

/** SCF's two function kinds; CLB can front only {@link #Event} functions. */
public enum FunctionType {
  Event,
  HTTP
}
