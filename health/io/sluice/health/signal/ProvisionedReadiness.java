package io.sluice.health.signal;

import java.util.Objects;

/**
 * Whether a function version's provisioned concurrency is warm, for pre-warming before traffic is
 * shifted to it: ready when the configuration is {@code Done} and every allocated instance is
 * available. A version without provisioned concurrency reads status {@code None}, not ready.
 */
public record ProvisionedReadiness(
    String qualifier, String status, long allocated, long available) {
  public static final String DONE = "Done";
  public static final String NONE = "None";

  public ProvisionedReadiness {
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(status, "status");
  }

  public boolean ready() {
    return DONE.equals(status) && allocated > 0 && available == allocated;
  }
}
