package io.sluice.sandbox.scf;

import io.sluice.sandbox.api.ApiException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Provisioned concurrency per published version. A new setting starts {@code InProgress} and its
 * ready instances grow on the injected clock at {@link ScfSettings#provisionedRampPerSecond()}
 * (monotonic) until they reach the configured number ({@code Done}); lowering the number takes
 * effect at once, and a ramp of 0 never finishes. Status is computed from the clock when read, so
 * nothing needs polling.
 */
public final class ProvisionedConcurrency {
  /** One version's setting as GetProvisionedConcurrencyConfig reports it. */
  public record Allocation(String qualifier, int allocated, int available) {
    public String status() {
      return available == allocated ? "Done" : "InProgress";
    }
  }

  private record Setting(int allocated, int startAvailable, long startedAtNanos) {}

  private record VersionKey(FunctionKey function, String version) {}

  private final Map<VersionKey, Setting> settings = new ConcurrentHashMap<>();
  private final LongSupplier nanos;
  private final ScfSettings config;

  /**
   * @param nanos monotonic time in nanoseconds, compared only by subtraction
   */
  public ProvisionedConcurrency(LongSupplier nanos, ScfSettings config) {
    this.nanos = nanos;
    this.config = config;
  }

  /**
   * Sets a version's provisioned concurrency.
   *
   * @throws ApiException {@code FailedOperation.ProvisionedInProgress} while the previous setting
   *     of the version is still ramping; {@code FailedOperation.ProvisionedExceedAvailable} when
   *     the region's total would pass the quota minus 100
   */
  public synchronized void put(FunctionKey function, String version, int count) {
    VersionKey key = new VersionKey(function, version);
    Allocation current = allocation(key);
    if (current != null && current.status().equals("InProgress")) {
      throw new ApiException(
          "FailedOperation.ProvisionedInProgress",
          "A provisioned concurrency task for version " + version + " is in progress.");
    }
    int others = totalAllocated(function.region()) - (current == null ? 0 : current.allocated());
    if (others + count > config.concurrencyQuota() - 100) {
      throw new ApiException(
          "FailedOperation.ProvisionedExceedAvailable",
          "Provisioned concurrency " + count + " exceeds what the region has available.");
    }
    int start = current == null ? 0 : Math.min(current.available(), count);
    settings.put(key, new Setting(count, start, nanos.getAsLong()));
  }

  /**
   * Removes a version's provisioned concurrency, ramping or not. Removing a version that has none
   * succeeds (a sandbox choice: the real API's answer is UNCONFIRMED), so a release can be
   * repeated.
   */
  public synchronized void delete(FunctionKey function, String version) {
    settings.remove(new VersionKey(function, version));
  }

  public List<Allocation> allocations(FunctionKey function) {
    return settings.keySet().stream()
        .filter(k -> k.function().equals(function))
        .sorted((a, b) -> a.version().compareTo(b.version()))
        .map(this::allocation)
        .toList();
  }

  public int unallocated(String region) {
    return config.concurrencyQuota() - totalAllocated(region);
  }

  private int totalAllocated(String region) {
    return settings.entrySet().stream()
        .filter(e -> e.getKey().function().region().equals(region))
        .mapToInt(e -> e.getValue().allocated())
        .sum();
  }

  private Allocation allocation(VersionKey key) {
    Setting s = settings.get(key);
    if (s == null) {
      return null;
    }
    long elapsedMs =
        Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos.getAsLong() - s.startedAtNanos()));
    long ramped =
        s.startAvailable()
            + (long) Math.floor(elapsedMs * config.provisionedRampPerSecond() / 1000);
    return new Allocation(key.version(), s.allocated(), (int) Math.min(s.allocated(), ramped));
  }
}
