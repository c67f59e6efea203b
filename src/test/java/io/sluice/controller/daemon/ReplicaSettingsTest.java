package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.controller.config.ControllerConfig;
import io.sluice.controller.ha.HaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which replica this is, and where its API answers: the flag, the config, the host's name. */
final class ReplicaSettingsTest {
  private static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");

  private static ControllerConfig.Ha ha(Optional<String> replica, Optional<String> advertise) {
    return new ControllerConfig.Ha(
        "zk1:2181",
        "sluice",
        replica,
        advertise,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5));
  }

  @Test
  void theFlagWinsOverTheConfigWhichWinsOverTheHostName() {
    ControllerConfig.Ha named = ha(Optional.of("zone-b"), Optional.empty());

    assertThat(
            ReplicaSettings.of(
                    named, Optional.of("zone-c"), ZONES, "zone-a", "http", "0.0.0.0", 7070)
                .replica())
        .isEqualTo("zone-c");
    assertThat(
            ReplicaSettings.of(named, Optional.empty(), ZONES, "zone-a", "http", "0.0.0.0", 7070)
                .replica())
        .isEqualTo("zone-b");
    HaSettings fromHost =
        ReplicaSettings.of(
            ha(Optional.empty(), Optional.empty()),
            Optional.empty(),
            ZONES,
            "Zone-A.prod.example",
            "https",
            "0.0.0.0",
            7443);
    assertThat(fromHost.replica()).isEqualTo("zone-a");
    assertThat(fromHost.advertise()).isEqualTo("https://zone-a.prod.example:7443");
  }

  @Test
  void aSpecificListenAddressIsAdvertisedAsItIs() {
    assertThat(
            ReplicaSettings.of(
                    ha(Optional.of("zone-a"), Optional.empty()),
                    Optional.empty(),
                    ZONES,
                    "host",
                    "http",
                    "10.0.0.5",
                    7070)
                .advertise())
        .isEqualTo("http://10.0.0.5:7070");
  }

  @Test
  void theAdvertisedApiIsTakenAsConfigured() {
    assertThat(
            ReplicaSettings.of(
                    ha(Optional.of("zone-a"), Optional.of("http://10.0.0.5:7070")),
                    Optional.empty(),
                    ZONES,
                    "host",
                    "http",
                    "0.0.0.0",
                    7070)
                .advertise())
        .isEqualTo("http://10.0.0.5:7070");
  }

  @Test
  void aNameTheVantagePointsDoNotListIsRefusedSayingWhereItCameFrom() {
    assertThatThrownBy(
            () ->
                ReplicaSettings.of(
                    ha(Optional.empty(), Optional.empty()),
                    Optional.empty(),
                    ZONES,
                    "ip-10-0-0-5.internal",
                    "http",
                    "0.0.0.0",
                    7070))
        .hasMessage(
            "controller.ha.replica (absent, so the host's name 'ip-10-0-0-5.internal') names this"
                + " replica 'ip-10-0-0-5', which controller.vantagePoints [zone-a, zone-b, zone-c]"
                + " does not list: every replica probes from the vantage point of its name; pass"
                + " --replica NAME or set controller.ha.replica");
    assertThatThrownBy(
            () ->
                ReplicaSettings.of(
                    ha(Optional.empty(), Optional.empty()),
                    Optional.of("Zone A"),
                    ZONES,
                    "h",
                    "http",
                    "0.0.0.0",
                    7070))
        .hasMessage("--replica: must match [a-z0-9-]{1,40}, got 'Zone A'");
  }
}
