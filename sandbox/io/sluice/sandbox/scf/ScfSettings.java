package io.sluice.sandbox.scf;

/**
 * Settings of the emulated SCF API.
 *
 * @param provisionedRampPerSecond how many provisioned instances become ready per second after a
 *     PutProvisionedConcurrencyConfig; real ramp speed is UNCONFIRMED. {@code 0} means provisioning
 *     never finishes: a setting stays {@code InProgress}, for tests of a pre-warm that cannot
 *     complete
 * @param concurrencyQuota the region's concurrency quota; provisioned concurrency over all versions
 *     may use at most this minus 100 (documented rule; the default quota is a sandbox choice)
 */
public record ScfSettings(double provisionedRampPerSecond, int concurrencyQuota) {
  public static final double DEFAULT_PROVISIONED_RAMP_PER_SECOND = 10.0;
  public static final int DEFAULT_CONCURRENCY_QUOTA = 1000;

  public ScfSettings {
    if (!(provisionedRampPerSecond >= 0) || Double.isInfinite(provisionedRampPerSecond)) {
      throw new IllegalArgumentException(
          "provisionedRampPerSecond: must be 0 or more, got " + provisionedRampPerSecond);
    }
    if (concurrencyQuota < 100) {
      throw new IllegalArgumentException(
          "concurrencyQuota: must be at least 100, got " + concurrencyQuota);
    }
  }

  /** The defaults with another ramp speed. */
  public ScfSettings withRamp(double perSecond) {
    return new ScfSettings(perSecond, concurrencyQuota);
  }

  public static ScfSettings defaults() {
    return new ScfSettings(DEFAULT_PROVISIONED_RAMP_PER_SECOND, DEFAULT_CONCURRENCY_QUOTA);
  }
}
