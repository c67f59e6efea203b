package io.sluice.sandbox.dnspod;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.Params;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the new value of a record from a write request: the full specification of {@code
 * CreateRecord}/{@code ModifyRecord}, and the string-valued {@code FieldList} of {@code
 * ModifyRecordFields}. Validation against the plan happens when the account saves the result.
 */
final class RecordWrites {
  static final int DEFAULT_TTL = 600;

  private RecordWrites() {}

  /**
   * The record a full specification describes. {@code ModifyRecord} is a full replace: omitted
   * fields take their defaults ({@code SubDomain} {@code @}, TTL 600, ENABLE, empty remark), except
   * {@code Weight}, which keeps its previous value when omitted: Terraform's provider notes that
   * the real API does not clear a weight that is left out (reference §4.1; UNCONFIRMED).
   */
  static DnsRecord fullSpec(
      Params p, long recordId, Integer previousWeight, String monitorStatus, Instant now) {
    Optional<String> lineId = p.optString("RecordLineId").filter(s -> !s.isEmpty());
    RecordLine line =
        RecordLine.of(
            lineId.isPresent() ? Optional.empty() : Optional.of(p.requireString("RecordLine")),
            lineId);
    return new DnsRecord(
        recordId,
        p.optString("SubDomain").filter(s -> !s.isEmpty()).orElse("@"),
        p.requireString("RecordType").toUpperCase(Locale.ROOT),
        line,
        p.requireString("Value"),
        clampToInt(p.optLong("TTL").orElse((long) DEFAULT_TTL)),
        clampToInt(p.optLong("MX").orElse(0L)),
        p.optLong("Weight").map(RecordWrites::clampToInt).orElse(previousWeight),
        p.optString("Status").map(RecordStatus::parse).orElse(RecordStatus.ENABLE),
        p.optString("Remark").orElse(""),
        now,
        monitorStatus);
  }

  /** The record with each {@code FieldList} entry applied, in order. */
  static DnsRecord withFields(DnsRecord record, Params p, Instant now) {
    DnsRecord r = record;
    if (p.objects("FieldList").isEmpty()) {
      throw new ApiException("MissingParameter", "The parameter `FieldList` is missing.");
    }
    for (Params field : p.objects("FieldList")) {
      r = withField(r, field.requireString("Key"), field.requireString("Value"), now);
    }
    return r;
  }

  private static DnsRecord withField(DnsRecord r, String key, String value, Instant now) {
    String sub = r.subDomain();
    String type = r.type();
    RecordLine line = r.line();
    String val = r.value();
    int ttl = r.ttl();
    int mx = r.mx();
    Integer weight = r.weight();
    RecordStatus status = r.status();
    switch (key) {
      case "sub_domain" -> sub = value;
      case "record_type" -> type = value.toUpperCase(Locale.ROOT);
      case "record_line" -> line = RecordLine.byName(value);
      case "record_line_id" -> line = RecordLine.byId(value);
      case "value" -> val = value;
      case "ttl" -> ttl = integer(key, value, "InvalidParameterValue");
      case "mx" -> mx = integer(key, value, "InvalidParameter.MxInvalid");
      case "weight" -> weight = integer(key, value, "InvalidParameter.InvalidWeight");
      case "status" -> status = RecordStatus.parse(value);
      default ->
          throw new ApiException(
              "InvalidParameter", "The field key `" + key + "` cannot be modified.");
    }
    return new DnsRecord(
        r.recordId(),
        sub,
        type,
        line,
        val,
        ttl,
        mx,
        weight,
        status,
        r.remark(),
        now,
        r.monitorStatus());
  }

  private static int integer(String key, String value, String code) {
    try {
      return clampToInt(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new ApiException(
          code, "The field `" + key + "` must be an integer, got `" + value + "`.");
    }
  }

  /** Out-of-range longs become values the range checks reject, never a silent wrap-around. */
  private static int clampToInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }
}
