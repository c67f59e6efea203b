package io.sluice.sandbox.dnspod;

import java.time.Instant;
import java.util.Objects;

/**
 * One DNSPod record, immutable: every write replaces it with a new value, so a reader (the
 * sandbox's DNS server) never sees a half-applied change.
 *
 * @param recordId the numeric {@code RecordId}
 * @param subDomain the host, {@code @} for the apex
 * @param type upper-case, e.g. {@code A}
 * @param weight 0-100, 0 meaning "never answered"; null when no weight is configured (then every
 *     value of the host is answered)
 * @param monitorStatus {@code OK}, {@code WARN}, {@code DOWN} or empty, as D-Monitor would report
 */
public record DnsRecord(
    long recordId,
    String subDomain,
    String type,
    RecordLine line,
    String value,
    int ttl,
    int mx,
    Integer weight,
    RecordStatus status,
    String remark,
    Instant updatedOn,
    String monitorStatus) {

  public DnsRecord {
    Objects.requireNonNull(subDomain, "subDomain");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(remark, "remark");
    Objects.requireNonNull(updatedOn, "updatedOn");
    Objects.requireNonNull(monitorStatus, "monitorStatus");
  }

  public boolean enabled() {
    return status == RecordStatus.ENABLE;
  }

  public DnsRecord withStatus(RecordStatus newStatus, Instant now) {
    return new DnsRecord(
        recordId,
        subDomain,
        type,
        line,
        value,
        ttl,
        mx,
        weight,
        newStatus,
        remark,
        now,
        monitorStatus);
  }
}
