package io.sluice.sandbox.scf;

/**
 * Settings of the emulated SCF API.
 *
 * @param provisionedRampPerSecond how many provisioned instances become ready per second after a
 *     PutProvisionedConcurrencyConfig; real ramp speed is UNCONFIRMED
 * @param concurrencyQuota the region's concurrency quota; provisioned concurrency over all versions
 *     may use at most this minus 100 (documented rule; the default quota is a sandbox choice)
 */
public record ScfSettings(double provisionedRampPerSecond, int concurrencyQuota) {
  public static final double DEFAULT_PROVISIONED_RAMP_PER_SECOND = 10.0;
  public static final int DEFAULT_CONCURRENCY_QUOTA = 1000;

  public ScfSettings {
    if (!(provisionedRampPerSecond > 0)) {
      throw new IllegalArgumentException(
          "provisionedRampPerSecond: must be above 0, got " + provisionedRampPerSecond);
    }
    if (concurrencyQuota < 100) {
      throw new IllegalArgumentException(
          "concurrencyQuota: must be at least 100, got " + concurrencyQuota);
    }
  }

  public static ScfSettings defaults() {
    return new ScfSettings(DEFAULT_PROVISIONED_RAMP_PER_SECOND, DEFAULT_CONCURRENCY_QUOTA);
  }
}
