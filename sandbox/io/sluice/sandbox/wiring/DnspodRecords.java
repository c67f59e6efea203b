package io.sluice.sandbox.wiring;

import io.sluice.sandbox.dataplane.dns.DnsRecord;
import io.sluice.sandbox.dataplane.dns.DnsRecordSource;
import io.sluice.sandbox.dnspod.DnspodAccount;
import java.util.List;
import java.util.OptionalInt;

/** The authoritative DNS server answers from the DNSPod model, as DNSPod's own servers do. */
public final class DnspodRecords implements DnsRecordSource {
  private final DnspodAccount account;

  public DnspodRecords(DnspodAccount account) {
    this.account = account;
  }

  @Override
  public boolean isAuthoritativeFor(String name) {
    return account.isAuthoritativeFor(name);
  }

  @Override
  public boolean hasName(String name) {
    return account.hasName(name);
  }

  @Override
  public List<DnsRecord> enabledRecords(String name, String type) {
    return account.enabledRecords(name, type).stream()
        .map(
            a ->
                new DnsRecord(
                    a.value(),
                    a.ttl(),
                    a.weight() == null ? OptionalInt.empty() : OptionalInt.of(a.weight())))
        .toList();
  }
}
