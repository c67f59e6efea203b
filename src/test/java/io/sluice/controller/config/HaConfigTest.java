package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code controller.ha}: absent, the daemon is one process as before; present, its defaults, its
 * ranges, and replicas as vantage points, each mistake one error naming the field.
 */
final class HaConfigTest {

  /**
   * examples/sandbox-demo.yaml with {@code controller.ha} set, and {@code vantagePoints} set (or,
   * when empty, left out).
   */
  private static String withHa(String ha, String vantagePoints) {
    return TestConfigs.edited(
        SANDBOX_DEMO,
        "  vantagePoints: [a, b]             # two simulated probing locations\n",
        "  ha: { "
            + ha
            + " }\n"
            + (vantagePoints.isEmpty() ? "" : "  vantagePoints: " + vantagePoints + "\n"));
  }

  private static List<String> errors(String yaml) {
    return TestConfigs.errorsOf(yaml).stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList();
  }

  private static List<String> warnings(String yaml) throws ConfigException {
    return new ConfigLoader(TestConfigs.NO_ENV::get)
        .check("test.yaml", yaml).warnings().stream()
            .map(w -> w.path() + ": " + w.reason())
            .toList();
  }

  @Test
  void withoutHaTheControllerIsOneProcess() throws ConfigException {
    assertThat(TestConfigs.load(SANDBOX_DEMO).controller().ha()).isEmpty();
  }

  @Test
  void aGroupTakesItsDefaults() throws ConfigException {
    ControllerConfig.Ha ha =
        TestConfigs.load(withHa("connect: 'zk1:2181,zk2:2181'", "[a, b, c]"))
            .controller()
            .ha()
            .orElseThrow();

    assertThat(ha.connect()).isEqualTo("zk1:2181,zk2:2181");
    assertThat(ha.namespace()).isEqualTo("sluice");
    assertThat(ha.replica()).isEmpty();
    assertThat(ha.advertise()).isEmpty();
    assertThat(ha.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(ha.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ha.publishEvery()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ha.staleAfter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void eachSettingOutsideItsRangeIsAnError() {
    assertThat(
            errors(
                withHa(
                    "connect: 'zk1:2181', sessionTimeout: 1s, connectionTimeout: 2m,"
                        + " publishEvery: 50ms, staleAfter: 10m",
                    "[a, b, c]")))
        .containsExactlyInAnyOrder(
            "controller.ha.sessionTimeout: must be 2s-1m, got 1s",
            "controller.ha.connectionTimeout: must be 500ms-1m, got 2m",
            "controller.ha.publishEvery: must be 100ms-10s, got 50ms",
            "controller.ha.staleAfter: must be at least twice publishEvery (100ms) and at most 5m,"
                + " got 10m");
  }

  @Test
  void aVerdictMayNotGoStaleBetweenTwoRepeats() {
    assertThat(errors(withHa("connect: 'zk1:2181', publishEvery: 2s, staleAfter: 3s", "[a, b, c]")))
        .containsExactly(
            "controller.ha.staleAfter: must be at least twice publishEvery (4s) and at most 5m,"
                + " got 3s");
  }

  @Test
  void theEnsembleIsHostPortPairs() {
    assertThat(errors(withHa("connect: 'zk1:2181,zk2'", "[a, b, c]")))
        .singleElement()
        .asString()
        .startsWith("controller.ha.connect: ")
        .contains("zk1:2181,zk2");
    assertThat(errors(withHa("connect: 'zk1:2181,zk2:99999'", "[a, b, c]")))
        .containsExactly(
            "controller.ha.connect: each server's port must be 1-65535, got 'zk2:99999'");
  }

  @Test
  void theReplicasAreTheVantagePoints() {
    assertThat(errors(withHa("connect: 'zk1:2181'", "")))
        .containsExactly(
            "controller.vantagePoints: with controller.ha, list every replica's name: each"
                + " replica probes from the vantage point of its name, e.g. [zone-a, zone-b,"
                + " zone-c]; got the default [local] (the default)");
    assertThat(errors(withHa("connect: 'zk1:2181', replica: d", "[a, b, c]")))
        .containsExactly(
            "controller.ha.replica: must be one of controller.vantagePoints [a, b, c], got d");
  }

  @Test
  void twoReplicasAreLegalButLoseTheQuorumWithOne() throws ConfigException {
    assertThat(warnings(withHa("connect: 'zk1:2181', replica: a", "[a, b]")))
        .containsExactly(
            "controller.vantagePoints: with 2 replicas, losing one leaves no majority of vantage"
                + " points that knows: every verdict becomes UNKNOWN and traffic holds where it is;"
                + " run 3 replicas in 3 zones");
    assertThat(warnings(withHa("connect: 'zk1:2181', replica: a", "[a, b, c]"))).isEmpty();
  }
}
