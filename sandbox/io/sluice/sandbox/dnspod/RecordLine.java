package io.sluice.sandbox.dnspod;

import io.sluice.sandbox.api.ApiException;
import java.util.Map;
import java.util.Optional;

/**
 * A resolution line: the audience a record answers (carrier, region). Only the common basic lines
 * are modelled; their ids are as DNSPod spells them ({@code 默认} is {@code 0}, carriers {@code
 * 10=n}), UNCONFIRMED beyond the default line. An unknown line is {@code
 * InvalidParameter.RecordLineInvalid}.
 *
 * @param name e.g. {@code 默认}
 * @param id e.g. {@code 0}
 */
public record RecordLine(String name, String id) {
  public static final RecordLine DEFAULT = new RecordLine("默认", "0");

  private static final Map<String, String> ID_BY_NAME =
      Map.of("默认", "0", "电信", "10=0", "联通", "10=1", "教育网", "10=2", "移动", "10=3", "境外", "3=0");

  public static RecordLine byName(String name) {
    return Optional.ofNullable(ID_BY_NAME.get(name))
        .map(id -> new RecordLine(name, id))
        .orElseThrow(() -> invalid("RecordLine", name));
  }

  public static RecordLine byId(String id) {
    return ID_BY_NAME.entrySet().stream()
        .filter(e -> e.getValue().equals(id))
        .findFirst()
        .map(e -> new RecordLine(e.getKey(), id))
        .orElseThrow(() -> invalid("RecordLineId", id));
  }

  /** The line a request names: {@code RecordLineId} wins over {@code RecordLine}, as documented. */
  public static RecordLine of(Optional<String> name, Optional<String> id) {
    if (id.isPresent()) {
      return byId(id.get());
    }
    return byName(name.orElseThrow(() -> invalid("RecordLine", null)));
  }

  private static ApiException invalid(String parameter, String value) {
    return new ApiException(
        "InvalidParameter.RecordLineInvalid",
        "The record line is invalid: `" + parameter + "` = `" + value + "`.");
  }
}
