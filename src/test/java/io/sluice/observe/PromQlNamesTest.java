package io.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name extractor finds the names the queries read, and nothing else. */
final class PromQlNamesTest {

  @Test
  void findsTheMetricsOfAnAggregationOverRates() {
    assertThat(
            PromQlNames.in(
                "sum by (action, le) (rate(sluice_cloud_call_seconds_bucket{service=~\"$service\","
                    + " action!=\"x\"}[$__rate_interval]))"))
        .containsExactly("sluice_cloud_call_seconds_bucket");
  }

  @Test
  void findsBothSidesOfABinaryOperationAndRecordedSeries() {
    assertThat(
            PromQlNames.in(
                "abs(sluice_route_weight{state=\"desired\"} - ignoring(state)"
                    + " sluice_route_weight{state=\"actual\"}) > 0 and on (service)"
                    + " service_route:sluice_route_phase:current"))
        .containsExactly("service_route:sluice_route_phase:current", "sluice_route_weight");
  }

  @Test
  void readsGrafanaLabelValuesQueries() {
    assertThat(PromQlNames.in("label_values(sluice_route_phase{job=\"a\"}, service)"))
        .containsExactly("sluice_route_phase");
    assertThat(PromQlNames.in("label_values(service)")).isEmpty();
  }

  @Test
  void ignoresNumbersDurationsKeywordsAndStrings() {
    assertThat(
            PromQlNames.in(
                "histogram_quantile(0.99, rate(x_bucket[5m])) > 1e3 or vector(0) unless"
                    + " label_replace(up, \"a\", \"not_a_metric\", \"b\", \"(.*)\")"))
        .containsExactly("up", "x_bucket");
  }

  @Test
  void aBogusNameInAFixtureIsFound() {
    // the check that each name exists (DashboardMetricsIT) can only fail if names are extracted
    assertThat(PromQlNames.in("rate(sluice_no_such_metric_total{service=\"$service\"}[5m])"))
        .containsExactly("sluice_no_such_metric_total");
  }
}
