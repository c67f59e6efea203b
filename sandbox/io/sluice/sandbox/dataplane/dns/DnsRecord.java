package io.sluice.sandbox.dataplane.dns;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One ENABLE DNSPod record as the resolver needs it: its value, TTL and weight (empty = no weight
 * configured, 0 = never returned).
 */
public record DnsRecord(String value, long ttl, OptionalInt weight) {
  public DnsRecord {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(weight, "weight");
    if (ttl < 0) {
      throw new IllegalArgumentException("ttl: must not be negative, got " + ttl);
    }
  }
}
