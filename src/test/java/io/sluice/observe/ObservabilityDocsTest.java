package io.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.meters.MeterNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The numbers of docs/observability.md are the code's and the rules': each alert's "for" and the
 * cloud call histogram's buckets. (ExportedMetricsIT checks that it names every metric.)
 */
final class ObservabilityDocsTest {
  private final String docs = Files.readString(Path.of("docs", "observability.md"));

  ObservabilityDocsTest() throws IOException {}

  @Test
  void eachAlertsRowSaysHowLongItsConditionMustHold() throws IOException {
    Map<String, String> holds = RuleFiles.alertHolds(PrometheusRulesTest.RULES);
    assertThat(holds).hasSizeGreaterThan(10);
    holds.forEach(
        (alert, holdFor) -> {
          String row =
              docs.lines()
                  .filter(l -> l.startsWith("| `" + alert + "` |"))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("no row for " + alert));
          String firesWhen = row.split("\\|")[3];
          if (holdFor.isEmpty()) {
            assertThat(firesWhen).as(alert).doesNotContainPattern(" for \\d+[smh]\\b");
          } else {
            assertThat(firesWhen).as(alert).contains(" for " + holdFor);
          }
        });
  }

  @Test
  void theCloudCallHistogramsBucketsAreTheCodes() {
    assertThat(docs).contains("(`_bucket` at " + shown(MeterNames.CLOUD_LATENCY_BUCKETS) + ";");
  }

  @Test
  void theProbeLatencyHistogramsBucketsAreTheCodes() {
    assertThat(docs)
        .contains(
            "| `sluice_probe_duration_seconds` | histogram (`_bucket` at "
                + shown(MeterNames.PROBE_LATENCY_BUCKETS)
                + ";");
  }

  private static String shown(Duration[] buckets) {
    return Arrays.stream(buckets)
        .map(ObservabilityDocsTest::prometheusStyle)
        .collect(Collectors.joining(", "));
  }

  /** 50ms, 1s, 2.5s, 60s: how the docs write a bucket's bound. */
  private static String prometheusStyle(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    double seconds = d.toMillis() / 1000.0;
    return (seconds == Math.rint(seconds)
            ? String.valueOf((long) seconds)
            : String.valueOf(seconds))
        + "s";
  }
}
