package io.sluice.observe;

import java.util.Map;

/** Grafana's variables in a dashboard query, replaced as Grafana would for a plain query. */
final class GrafanaVariables {
  private static final Map<String, String> VALUES =
      Map.of(
          "$__rate_interval", "1m",
          "$__interval", "15s",
          "$__range", "5m",
          "$service", ".*");

  private GrafanaVariables() {}

  /** The query with every variable the dashboards use replaced; label_values() left as is. */
  static String substitute(String query) {
    if (query.startsWith("label_values(")) {
      // Grafana's own function: the series it reads is its first argument
      return query.substring("label_values(".length(), query.lastIndexOf(','));
    }
    String promql = query;
    for (Map.Entry<String, String> variable : VALUES.entrySet()) {
      promql = promql.replace(variable.getKey(), variable.getValue());
    }
    if (promql.contains("$")) {
      throw new AssertionError("a Grafana variable the test does not know: " + query);
    }
    return promql;
  }
}
