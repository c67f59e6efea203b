package io.sluice.controller.actuate.dns;

import java.util.Objects;

/**
 * One DNSPod record as DescribeRecord reports it, reduced to what weighting needs.
 *
 * @param subdomain the host the record belongs to, {@code @} for the apex
 * @param weight 0-100, or null when the record has no weight configured
 */
record RecordState(long recordId, String subdomain, boolean enabled, Integer weight) {
  RecordState {
    Objects.requireNonNull(subdomain, "subdomain");
  }

  /** Whether the record resolves with a weight Sluice can read (a disabled one always can). */
  boolean readable() {
    return !enabled || weight != null;
  }

  /**
   * The weight it resolves with: a disabled record does not resolve, whatever weight it keeps.
   *
   * @throws IllegalStateException for an enabled record without a weight; check {@link #readable}
   */
  int routedWeight() {
    if (!enabled) {
      return 0;
    }
    if (weight == null) {
      throw new IllegalStateException("record " + recordId + " is enabled without a weight");
    }
    return weight;
  }

  /** Such as {@code record 1001 weight 100 ENABLE}. */
  String describe() {
    return "record "
        + recordId
        + " weight "
        + (weight == null ? "none" : weight)
        + (enabled ? " ENABLE" : " DISABLE");
  }
}
