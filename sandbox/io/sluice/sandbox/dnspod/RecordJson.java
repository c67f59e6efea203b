package io.sluice.sandbox.dnspod;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two shapes DNSPod gives a record: {@code RecordListItem} in lists ({@code Name}, {@code
 * Type}, {@code Status} ENABLE/DISABLE) and {@code RecordInfo} in {@code DescribeRecord} ({@code
 * SubDomain}, {@code RecordType}, {@code Enabled} 1/0). A missing weight is JSON {@code null}, as
 * in the official examples. {@code UpdatedOn} is printed in Beijing time, the zone the console and
 * API show (UNCONFIRMED for the API).
 */
final class RecordJson {
  private static final DateTimeFormatter UPDATED_ON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneOffset.ofHours(8));

  private RecordJson() {}

  static String updatedOn(Instant time) {
    return UPDATED_ON.format(time);
  }

  static JsonObject listItem(DnsRecord r) {
    return new JsonObject()
        .put("RecordId", r.recordId())
        .put("Value", r.value())
        .put("Status", r.status().name())
        .put("UpdatedOn", updatedOn(r.updatedOn()))
        .put("Name", r.subDomain())
        .put("Line", r.line().name())
        .put("LineId", r.line().id())
        .put("Type", r.type())
        .put("Weight", r.weight())
        .put("MonitorStatus", r.monitorStatus())
        .put("Remark", r.remark())
        .put("TTL", r.ttl())
        .put("MX", r.mx())
        .put("DefaultNS", false);
  }

  static JsonObject info(DnsRecord r, DnsDomain domain) {
    return new JsonObject()
        .put("Id", r.recordId())
        .put("SubDomain", r.subDomain())
        .put("RecordType", r.type())
        .put("RecordLine", r.line().name())
        .put("RecordLineId", r.line().id())
        .put("Value", r.value())
        .put("Weight", r.weight())
        .put("MX", r.mx())
        .put("TTL", r.ttl())
        .put("Enabled", r.enabled() ? 1 : 0)
        .put("MonitorStatus", capitalized(r.monitorStatus()))
        .put("Remark", r.remark())
        .put("UpdatedOn", updatedOn(r.updatedOn()))
        .put("DomainId", domain.domainId());
  }

  /** {@code RecordInfo} spells the monitor status {@code Ok}/{@code Warn}/{@code Down}. */
  private static String capitalized(String status) {
    return status.isEmpty()
        ? status
        : status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT);
  }
}
