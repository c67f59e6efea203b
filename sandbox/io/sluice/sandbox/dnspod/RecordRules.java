package io.sluice.sandbox.dnspod;

import io.sluice.sandbox.api.ApiException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks DNSPod makes on a record before storing it, each with its documented code: weight
 * 0-100 ({@code InvalidParameter.InvalidWeight}), TTL between the plan's minimum and 604800 ({@code
 * LimitExceeded.RecordTtlLimit}, also used above the maximum: UNCONFIRMED), a known type ({@code
 * InvalidParameter.RecordTypeInvalid}), a value that fits the type ({@code
 * InvalidParameter.RecordValueInvalid}), MX 0-65535 ({@code InvalidParameter.MxInvalid}) and a host
 * of letters, digits, {@code - _ . *} or {@code @} ({@code InvalidParameter.SubdomainInvalid}).
 */
final class RecordRules {
  static final int MAX_TTL = 604_800;

  private static final Set<String> TYPES =
      Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "HTTPS", "SVCB", "SPF");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern HOST = Pattern.compile("@|[A-Za-z0-9*_]([A-Za-z0-9_.*-]*)");

  private RecordRules() {}

  static void check(DnsRecord record, DnsPlan plan) {
    if (record.weight() != null && (record.weight() < 0 || record.weight() > 100)) {
      throw new ApiException(
          "InvalidParameter.InvalidWeight",
          "The weight must be an integer 0-100, got " + record.weight() + ".");
    }
    if (record.ttl() < plan.minTtl() || record.ttl() > MAX_TTL) {
      throw new ApiException(
          "LimitExceeded.RecordTtlLimit",
          "The TTL must be "
              + plan.minTtl()
              + "-"
              + MAX_TTL
              + " on plan "
              + plan.grade()
              + ", got "
              + record.ttl()
              + ".");
    }
    if (!TYPES.contains(record.type())) {
      throw new ApiException(
          "InvalidParameter.RecordTypeInvalid",
          "The record type `" + record.type() + "` is invalid.");
    }
    if (record.value().isBlank()
        || ("A".equals(record.type()) && !IPV4.matcher(record.value()).matches())
        || ("AAAA".equals(record.type()) && !record.value().contains(":"))) {
      throw new ApiException(
          "InvalidParameter.RecordValueInvalid",
          "The value `" + record.value() + "` is invalid for a " + record.type() + " record.");
    }
    if (record.mx() < 0 || record.mx() > 65_535) {
      throw new ApiException(
          "InvalidParameter.MxInvalid", "MX must be 0-65535, got " + record.mx());
    }
    if (!HOST.matcher(record.subDomain()).matches()) {
      throw new ApiException(
          "InvalidParameter.SubdomainInvalid",
          "The sub domain `" + record.subDomain() + "` is invalid.");
    }
  }
}
