package io.sluice.sandbox.dataplane.dns;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The DNSPod model reduced to what the DNS server reads: records by name and type, one zone. */
public final class InMemoryDnsRecords implements DnsRecordSource {

  private final String zone;
  private final Map<String, List<DnsRecord>> records = new ConcurrentHashMap<>();

  public InMemoryDnsRecords(String zone) {
    this.zone = zone;
  }

  public InMemoryDnsRecords put(String name, String type, DnsRecord... values) {
    records.put(name + "/" + type, List.of(values));
    return this;
  }

  @Override
  public boolean isAuthoritativeFor(String name) {
    return name.equals(zone) || name.endsWith("." + zone);
  }

  @Override
  public boolean hasName(String name) {
    return records.keySet().stream().anyMatch(key -> key.startsWith(name + "/"));
  }

  @Override
  public List<DnsRecord> enabledRecords(String name, String type) {
    return records.getOrDefault(name + "/" + type, List.of());
  }
}
