package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.DIVERSION;
import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each legal but dangerous setting, written once into a valid example, loads with one warning that
 * names the field and says why; the examples themselves have none.
 */
final class DangerousSettingsTest {

  private static List<String> warningsOf(String yaml) throws ConfigException {
    return new ConfigLoader(TestConfigs.NO_ENV::get)
        .check("test.yaml", yaml).warnings().stream()
            .map(w -> w.line() + ":" + w.column() + " " + w.path() + ": " + w.reason())
            .toList();
  }

  @ParameterizedTest
  @MethodSource("io.sluice.controller.config.ExamplesTest#examples")
  void theExamplesHaveNoWarnings(Path example) throws ConfigException {
    assertThat(warningsOf(TestConfigs.read(example))).isEmpty();
  }

  @Test
  void aPrimaryProbeWithFallOneAndNoConfirmationFailsOverOnOneLostPacket() throws ConfigException {
    String yaml =
        TestConfigs.edited(SANDBOX_DEMO, "fall: 3                 # DOWN", "fall: 1  # DOWN")
            .replace(
                "        confirmFor: 5s              # CVM DOWN for 5s: fail over to SCF\n", "");

    assertThat(warningsOf(yaml))
        .containsExactly(
            "36:19 services[0].backends.cvm.probes[0].fall: one failed probe fails the service"
                + " over: with fall 1 and no policy.failover.confirmFor (0s, the default), a single"
                + " lost packet moves all traffic; raise fall (3 is usual) or confirmFor, got 1");
  }

  @Test
  void fallOneIsNoDangerWhileTheFailoverIsConfirmed() throws ConfigException {
    String yaml =
        TestConfigs.edited(SANDBOX_DEMO, "fall: 3                 # DOWN", "fall: 1  # DOWN");

    assertThat(warningsOf(yaml)).isEmpty();
  }

  @Test
  void noFailbackHoldPullsTrafficBackToAFlappingPrimary() throws ConfigException {
    String yaml =
        TestConfigs.edited(SANDBOX_DEMO, "      minDwell: 30s", "      minDwell: 0s")
            .replace("          after: 60s ", "          after: 0s ")
            .replace("          stepEvery: 30s", "          stepEvery: 0s");

    assertThat(warningsOf(yaml))
        .containsExactly(
            "60:17 services[0].policy.minDwell: no dwell: automatic changes may follow each other"
                + " at every decision, and only the flap budget stops traffic going back and"
                + " forth; 30s is the default, got 0s",
            "66:18 services[0].policy.failover.failback.after: no failback hold: traffic returns"
                + " the moment the primary reads UP, so a primary that flaps pulls traffic back"
                + " each time; hold it a few minutes (5m is the default), got 0s");
  }

  @Test
  void aWindowShorterThanTheTtlOfItsRecordsMayGoUnseen() throws ConfigException {
    String yaml =
        TestConfigs.edited(
            DIVERSION, "to: 2026-11-11T21:30+08:00", "to: 2026-11-11T19:55:30+08:00");

    assertThat(warningsOf(yaml))
        .containsExactly(
            "75:13 services[0].policy.diversion.windows[0]: the window moves sale.example.com for"
                + " 30s, less than the ttl of its DNS records (1m): resolvers keep the old answer"
                + " up to the ttl, so many clients may never see the move");
  }
}
