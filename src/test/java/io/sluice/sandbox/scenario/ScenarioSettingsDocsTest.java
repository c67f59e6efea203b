package io.sluice.sandbox.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.dataplane.clb.HealthCheckSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/sandbox.md's table of scenario settings has a row for every setting, showing the default the
 * sandbox applies to a scenario that leaves the setting out.
 */
final class ScenarioSettingsDocsTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `(\\w+)` \\| `([^`]*)` \\|");

  @Test
  void everySettingHasARowShowingTheDefaultTheSandboxApplies() throws IOException {
    Map<String, String> documented = new LinkedHashMap<>();
    String docs = Files.readString(Path.of("docs", "sandbox.md"));
    String table = docs.substring(docs.indexOf("### Settings"));
    Matcher m = ROW.matcher(table);
    while (m.find()) {
      documented.put(m.group(1), m.group(2));
    }
    ScenarioSettings none = new ScenarioSettings(ScenarioLoader.parse("empty.yaml", "region: x\n"));
    HealthCheckSettings check = none.dataPlane().healthCheck();

    assertThat(documented.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(SandboxScenario.SettingsSpec.class.getRecordComponents())
                .map(c -> c.getName())
                .toList());
    assertThat(documented)
        .containsEntry("taskDuration", text(none.tasks().duration()))
        .containsEntry("taskFailureRate", number(none.tasks().failureRate()))
        .containsEntry("mixedRuleTargets", lower(none.mixedRuleTargets()))
        .containsEntry("functionEvent", lower(none.dataPlane().clbTrigger().eventShape()))
        .containsEntry(
            "healthCheck",
            "interval: %s, timeout: %s, healthyThreshold: %d, unhealthyThreshold: %d"
                .formatted(
                    text(check.interval()),
                    text(check.timeout()),
                    check.healthyThreshold(),
                    check.unhealthyThreshold()))
        .containsEntry("dnsSeed", String.valueOf(none.dataPlane().dnsSeed()))
        .containsEntry("actionTimeout", text(none.actionTimeout()))
        .containsEntry("provisionedRampPerSecond", number(none.scf().provisionedRampPerSecond()))
        .containsEntry("pythonCommand", none.dataPlane().functions().pythonCommand())
        .containsEntry("monitorOpenPeriod", String.valueOf(none.monitor().publishOpenPeriod()));
  }

  /** 300ms, 2s: as a scenario writes a duration. */
  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
