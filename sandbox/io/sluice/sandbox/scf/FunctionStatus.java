package io.sluice.sandbox.scf;

/**
 * The documented {@code Status} values of a function. Only {@link #Active} functions take
 * invocations here; the sandbox holds a status until an admin or test changes it.
 */
public enum FunctionStatus {
  Creating,
  CreateFailed,
  Active,
  Updating,
  UpdateFailed,
  Publishing,
  PublishFailed,
  Deleting,
  DeleteFailed
}
