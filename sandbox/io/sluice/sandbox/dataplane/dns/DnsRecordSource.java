package io.sluice.sandbox.dataplane.dns;

import java.util.List;

/**
 * The DNS server's read-only view of the DNSPod control plane. Names are fully qualified, lower
 * case, without the trailing dot ({@code www.example.com}); types are mnemonics ({@code A}, {@code
 * CNAME}). Read on every query, so a {@code ModifyRecordFields} weight change shows on the next
 * query (resolver caches aside, which the TTL governs).
 */
public interface DnsRecordSource {

  /** True when the name is inside a zone this server is authoritative for. */
  boolean isAuthoritativeFor(String name);

  /** True when any ENABLE record of any type exists at the name (NOERROR rather than NXDOMAIN). */
  boolean hasName(String name);

  /** The ENABLE records of the name and type on the default line. */
  List<DnsRecord> enabledRecords(String name, String type);
}
