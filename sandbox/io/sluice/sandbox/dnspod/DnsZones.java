package io.sluice.sandbox.dnspod;

import java.util.List;

/**
 * The read view the sandbox's authoritative DNS server answers from, so that a failover made
 * through the DNSPod API shows up in real resolutions.
 */
public interface DnsZones {

  /**
   * The enabled records of a fully qualified name (trailing dot optional, any case) and type, on
   * the default line: the DNS server answers as DNSPod answers a resolver no other line matches.
   * Empty when no hosted domain contains the name. Weighted choice is left to the caller.
   */
  List<DnsAnswer> enabledRecords(String name, String type);
}
