package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.DIVERSION;
import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One mistake in a valid example gives exactly one error: a typo'd key does not also report the
 * default that stands in for it, a value already reported is not compared again through its
 * default, and an error about a value the file did not write says it is the default.
 */
final class OneMistakeOneErrorTest {

  record Mistake(String what, Path file, String from, String to, String error) {
    @Override
    public String toString() {
      return what;
    }
  }

  private static final String CVM_TIMING =
      "            interval: 1s\n            timeout: 500ms\n            fall: 3  ";

  static Stream<Mistake> mistakes() {
    return Stream.of(
        new Mistake(
            "a typo'd timeout whose default is not below the interval",
            SANDBOX_DEMO,
            CVM_TIMING,
            "            interval: 1s\n            timout: 900ms\n            fall: 3  ",
            "35:13 services[0].backends.cvm.probes[0].timout: unknown key; did you mean"
                + " 'timeout'?"),
        new Mistake(
            "a bad interval, whose default the timeout is not below",
            SANDBOX_DEMO,
            CVM_TIMING,
            "            interval: 1.5s\n            timeout: 2500ms\n            fall: 3  ",
            "34:23 services[0].backends.cvm.probes[0].interval: must be a whole number and a unit"
                + " (ms, s, m, h, d), like 500ms or 5m, got '1.5s'"),
        new Mistake(
            "an interval below the default timeout",
            SANDBOX_DEMO,
            CVM_TIMING,
            "            interval: 500ms\n            fall: 3  ",
            "29:13 services[0].backends.cvm.probes[0].timeout: must be less than interval (500ms),"
                + " got 1s (the default)"),
        new Mistake(
            "a typo'd required key",
            SANDBOX_DEMO,
            "          listenerProtocol: HTTP\n          domain:",
            "          listenerProtokol: HTTP\n          domain:",
            "24:11 services[0].backends.cvm.clb.listenerProtokol: unknown key; did you mean"
                + " 'listenerProtocol'?"),
        new Mistake(
            "a typo'd region",
            SANDBOX_DEMO,
            "region: ap-guangzhou",
            "regoin: ap-guangzhou",
            "8:3 controller.regoin: unknown key; did you mean 'region'?"),
        new Mistake(
            "a typo'd failover",
            SANDBOX_DEMO,
            "      failover:",
            "      failovr:",
            "62:7 services[0].policy.failovr: unknown key; did you mean 'failover'?"),
        new Mistake(
            "a typo'd list of diverted domains",
            DIVERSION,
            "        domains:                    # every",
            "        domain:                    # every",
            "70:9 services[0].policy.diversion.domain: unknown key; did you mean 'domains'?"),
        new Mistake(
            "a bad ttl, whose default minDwell is below",
            DIVERSION,
            "ttl: 60 ",
            "ttl: 60s ",
            "59:16 services[0].dns.records[0].ttl: must be a whole number, got '60s'"),
        new Mistake(
            "a duration written as a number",
            SANDBOX_DEMO,
            "window: 10m",
            "window: 10",
            "61:48 services[0].policy.flapBudget.window: needs a unit (ms, s, m, h, d), like 10s,"
                + " got 10"),
        new Mistake(
            "the default DNS ttl above minDwell",
            SANDBOX_DEMO,
            "    actuator:\n      kind: clb-rule\n      clbMixedTargets: true",
            "    dns: { records: [{ zone: sluice.local, subdomain: demo, cvmRecordId: 1,"
                + " scfRecordId: 2 }] }\n    actuator:\n      kind: both",
            "60:17 services[0].policy.minDwell: must be at least the DNS ttl of dns.records[0]"
                + " (10m, the default) so each change drains before the next, got 30s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void givesExactlyOneError(Mistake m) {
    assertThat(TestConfigs.errorsOf(TestConfigs.edited(m.file(), m.from(), m.to())))
        .containsExactly(m.error());
  }
}
