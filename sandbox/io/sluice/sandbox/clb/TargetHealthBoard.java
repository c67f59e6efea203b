package io.sluice.sandbox.clb;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Target health as CLB reports it. The data plane's health checker writes verdicts here; tests and
 * admin overrides may too; {@code DescribeTargetHealth} reads them. A target nobody has judged yet
 * reads as the initial status (by default {@link HealthStatusDetail#UNKNOWN}, what CLB shows before
 * its first probe). Safe for concurrent use.
 */
public final class TargetHealthBoard {
  private final Map<TargetHealthKey, HealthStatusDetail> verdicts = new ConcurrentHashMap<>();
  private final HealthStatusDetail initial;

  public TargetHealthBoard(HealthStatusDetail initial) {
    this.initial = initial;
  }

  public TargetHealthBoard() {
    this(HealthStatusDetail.UNKNOWN);
  }

  public void set(TargetHealthKey target, HealthStatusDetail status) {
    verdicts.put(target, status);
  }

  public HealthStatusDetail status(TargetHealthKey target) {
    return verdicts.getOrDefault(target, initial);
  }

  /** Drops the verdict, e.g. when the target is deregistered, so a later binding starts afresh. */
  public void forget(TargetHealthKey target) {
    verdicts.remove(target);
  }
}
