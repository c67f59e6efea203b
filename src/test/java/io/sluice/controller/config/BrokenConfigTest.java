package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One file with many mistakes: one run reports each at its line, column and path. */
final class BrokenConfigTest {

  @Test
  void reportsEveryMistakeAtItsPositionInOneRun() {
    String broken = TestConfigs.read(Path.of("src/test/resources/config/broken.yaml"));

    List<String> errors = TestConfigs.errorsOf(broken);

    assertThat(errors)
        .containsExactly(
            "5:13 controller.credentials.source: must be one of env, profile, cvm-role, sandbox"
                + " (did you mean 'sandbox'?), got 'sandbx'",
            "7:13 controller.api.listen: port must be 1-65535, got '127.0.0.1:99999'",
            "8:19 controller.maxOverrideTtl: must be a number and a unit with no space between,"
                + " like 30s, got '10 s'",
            "10:5 services[0].dns.records: is required with actuator dns-weight, got nothing",
            "23:26 services[0].backends.cvm.probes[0].bodyMatches: must be a valid regular"
                + " expression (Unclosed group at index 3), got 'ok('",
            "24:13 services[0].backends.cvm.probes[0].timout: unknown key; did you mean 'timeout'?",
            "29:29 services[0].backends.scf.clb.listenerProtocol: CLB binds a function only to an"
                + " HTTP or HTTPS listener's rule, got TCP",
            "31:19 services[0].backends.scf.function.name: is required, got nothing",
            "35:21 services[0].backends.scf.probes[0].target: environment variable"
                + " SCF_PROBE_TARGET is not set, got '${SCF_PROBE_TARGET}'",
            "42:18 services[0].policy.failover.failback.after: must be at least minDwell (1m),"
                + " got 10s",
            "43:18 services[0].policy.failover.failback.steps: must rise strictly within 1-100 and"
                + " end at 100, got [10, 50, 90]",
            "53:38 services[1].backends.scf.probes[0].type: must be one of http, https, tcp"
                + " (did you mean 'http'?), got 'htp'",
            "54:23 services[1].actuator.kind: a diversion moves each domain on its own, which only"
                + " dns-weight can do (clb-rule switches the one rule of the CVM backend), got"
                + " clb-rule",
            "59:75 services[1].policy.diversion.windows[0].to: must be after from"
                + " (2026-11-11T20:00+08:00), got 2026-11-11T19:00+08:00",
            "59:121 services[1].policy.diversion.windows[0].percent: must be 1-100, got 150",
            "60:16 services[1].policy.diversion.spill: only a domain assigned to cvm can spill,"
                + " got none assigned to cvm",
            "60:61 services[1].policy.diversion.spill.below: must be less than above (800),"
                + " got 900",
            "61:11 services[2].name: duplicate service name, also at [0], got 'shop'",
            "66:50 services[2].backends.cvm.probes[0].fall: must be 1-100, got 0",
            "71:30 services[2].backends.scf.health.mustPass[0]: must name a known probe"
                + " (did you mean 'http'?), got 'htp'");
  }

  @Test
  void namesTheFileInEachError() {
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(name -> null).parse("sluice.yaml", "controller: {}\n"));

    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactly(
            "sluice.yaml:1:1 services: is required, got nothing",
            "sluice.yaml:1:13 controller.region: is required, got nothing");
  }
}
