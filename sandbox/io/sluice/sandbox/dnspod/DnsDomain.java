package io.sluice.sandbox.dnspod;

import java.util.Objects;

/**
 * A domain hosted on DNSPod.
 *
 * @param name lower-case, without trailing dot, e.g. {@code example.com}
 * @param domainId the numeric {@code DomainId}
 * @param plan sets the minimum TTL of its records
 */
public record DnsDomain(String name, long domainId, DnsPlan plan) {
  public DnsDomain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
  }
}
