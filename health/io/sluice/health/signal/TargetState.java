package io.sluice.health.signal;

import java.util.Objects;

/**
 * One target of a rule as the CLB sees it. A target with weight 0 gets no traffic whatever its
 * health, so it never counts towards a rule being served.
 *
 * @param targetId the instance id, or the IP when the answer has none
 */
public record TargetState(String targetId, String ip, long port, long weight, TargetStatus status) {
  public TargetState {
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(status, "status");
  }

  public boolean weighted() {
    return weight > 0;
  }

  public boolean serving() {
    return weighted() && status == TargetStatus.ALIVE;
  }
}
