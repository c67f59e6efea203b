package io.sluice.sandbox.dnspod;

/**
 * A DNSPod package, which sets the lowest TTL a record of the domain may have; a lower TTL is
 * {@code LimitExceeded.RecordTtlLimit}. The minimums are those of the official {@code
 * DescribePackageDetail} example (reference §4.9): example data, UNCONFIRMED as a contract, but the
 * order of magnitude is what matters for failover timing.
 */
public enum DnsPlan {
  DP_FREE("DP_Free", 600),
  DP_PLUS("DP_Plus", 60),
  DP_EXTRA("DP_Extra", 60),
  DP_EXPERT("DP_Expert", 1),
  DP_ULTRA("DP_Ultra", 1);

  private final String grade;
  private final int minTtl;

  DnsPlan(String grade, int minTtl) {
    this.grade = grade;
    this.minTtl = minTtl;
  }

  /** The plan's name as the API spells it, e.g. {@code DP_Free}. */
  public String grade() {
    return grade;
  }

  /** The lowest TTL in seconds a record of a domain on this plan may have. */
  public int minTtl() {
    return minTtl;
  }
}
