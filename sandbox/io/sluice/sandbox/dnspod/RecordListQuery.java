package io.sluice.sandbox.dnspod;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.Params;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code DescribeRecordList}: filters, sort, paging and the empty-result rule. {@code SubDomain}
 * wins over its old name {@code Subdomain} (the only one the SDK models have), {@code RecordLineId}
 * over {@code RecordLine}; {@code Keyword} matches host or value as a substring; paging is {@code
 * Offset} (default 0) and {@code Limit} (default 100, max 3000). With {@code ErrorOnEmpty} {@code
 * yes} (the default) no match is {@code ResourceNotFound.NoDataOfRecord} (mapping UNCONFIRMED).
 * {@code RecordCountInfo.SubdomainCount} is the number of distinct hosts among the matches
 * (UNCONFIRMED). New domains have no default NS records here, unlike on DNSPod.
 */
final class RecordListQuery {
  static final long DEFAULT_LIMIT = 100;
  static final long MAX_LIMIT = 3000;

  private static final Map<String, Comparator<DnsRecord>> SORT_FIELDS =
      Map.of(
          "name", Comparator.comparing(DnsRecord::subDomain),
          "line", Comparator.comparing(r -> r.line().id()),
          "type", Comparator.comparing(DnsRecord::type),
          "value", Comparator.comparing(DnsRecord::value),
          "weight",
              Comparator.comparing(
                  DnsRecord::weight, Comparator.nullsFirst(Comparator.naturalOrder())),
          "mx", Comparator.comparingInt(DnsRecord::mx),
          "ttl", Comparator.comparingInt(DnsRecord::ttl),
          "updated_on", Comparator.comparing(DnsRecord::updatedOn));

  private RecordListQuery() {}

  static JsonObject answer(List<DnsRecord> records, Params p) {
    List<DnsRecord> matches = records.stream().filter(filter(p)).sorted(order(p)).toList();
    long offset = p.optLong("Offset", 0, Integer.MAX_VALUE).orElse(0L);
    long limit = p.optLong("Limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    boolean errorOnEmpty = !"no".equalsIgnoreCase(p.optString("ErrorOnEmpty").orElse("yes"));
    if (matches.isEmpty() && errorOnEmpty) {
      throw new ApiException("ResourceNotFound.NoDataOfRecord", "The record list is empty.");
    }
    JsonArray page = new JsonArray();
    matches.stream().skip(offset).limit(limit).map(RecordJson::listItem).forEach(page::add);
    JsonObject counts =
        new JsonObject()
            .put("SubdomainCount", matches.stream().map(DnsRecord::subDomain).distinct().count())
            .put("ListCount", page.size())
            .put("TotalCount", matches.size());
    return new JsonObject().put("RecordCountInfo", counts).put("RecordList", page);
  }

  private static Predicate<DnsRecord> filter(Params p) {
    Optional<String> host = nonEmpty(p, "SubDomain").or(() -> nonEmpty(p, "Subdomain"));
    Optional<String> type = nonEmpty(p, "RecordType");
    Optional<String> lineId =
        nonEmpty(p, "RecordLineId")
            .or(() -> nonEmpty(p, "RecordLine").map(name -> RecordLine.byName(name).id()));
    Optional<String> keyword = nonEmpty(p, "Keyword").map(k -> k.toLowerCase(Locale.ROOT));
    return r ->
        host.map(h -> h.equalsIgnoreCase(r.subDomain())).orElse(true)
            && type.map(t -> t.equalsIgnoreCase(r.type())).orElse(true)
            && lineId.map(id -> id.equals(r.line().id())).orElse(true)
            && keyword
                .map(
                    k ->
                        r.subDomain().toLowerCase(Locale.ROOT).contains(k)
                            || r.value().toLowerCase(Locale.ROOT).contains(k))
                .orElse(true);
  }

  private static Comparator<DnsRecord> order(Params p) {
    Comparator<DnsRecord> byField =
        nonEmpty(p, "SortField")
            .map(
                f ->
                    Optional.ofNullable(SORT_FIELDS.get(f))
                        .orElseThrow(
                            () ->
                                new ApiException(
                                    "InvalidParameterValue",
                                    "SortField must be one of "
                                        + SORT_FIELDS.keySet()
                                        + ", got "
                                        + f)))
            .orElse(Comparator.comparingLong(DnsRecord::recordId));
    boolean descending = "DESC".equalsIgnoreCase(p.optString("SortType").orElse("ASC"));
    return descending ? byField.reversed() : byField;
  }

  private static Optional<String> nonEmpty(Params p, String name) {
    return p.optString(name).filter(s -> !s.isEmpty());
  }
}
