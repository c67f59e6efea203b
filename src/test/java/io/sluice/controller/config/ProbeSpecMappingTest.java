package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.health.probe.BodyMatch;
import io.sluice.health.probe.ProbeKind;
import io.sluice.health.probe.ProbeSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A configured probe becomes the prober's spec with nothing lost on the way. */
final class ProbeSpecMappingTest {

  @Test
  void theDemoProbeKeepsItsTargetHostPathTimingAndStatuses() throws ConfigException {
    SluiceConfig config = TestConfigs.load(TestConfigs.SANDBOX_DEMO);
    BackendConfig cvm = config.services().getFirst().backends().cvm();

    ProbeSpec spec = cvm.probes().getFirst().toSpec(cvm.clb());

    assertThat(spec.kind()).isEqualTo(ProbeKind.HTTP);
    assertThat(spec.host()).isEqualTo("127.0.0.1");
    assertThat(spec.port()).isEqualTo(18080);
    assertThat(spec.hostHeader()).contains("health.demo.sluice.local");
    assertThat(spec.path()).isEqualTo("/healthz");
    assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(spec.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(spec.connectTimeout()).isLessThanOrEqualTo(spec.timeout());
    assertThat(spec.expectedStatuses().contains(200)).isTrue();
    assertThat(spec.expectedStatuses().contains(399)).isTrue();
    assertThat(spec.expectedStatuses().contains(400)).isFalse();
    assertThat(spec.tlsVerify()).isTrue();
    // no fastInterval given: the larger of the timeout and a fifth of the interval, timeout kept
    assertThat(spec.fastInterval()).contains(Duration.ofMillis(500));
    assertThat(spec.fastTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void withoutAFastIntervalAProbeChangingStateComesAFifthOfTheIntervalApartAtMost() {
    ProbeConfig slowTimeout = probe(Duration.ofSeconds(10), Duration.ofSeconds(1));
    ProbeConfig quick = probe(Duration.ofSeconds(10), Duration.ofMillis(300));

    assertThat(slowTimeout.defaultFastInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(quick.defaultFastInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(probe(Duration.ofSeconds(1), Duration.ofMillis(900)).defaultFastInterval())
        .isEqualTo(Duration.ofMillis(900));
  }

  private static ProbeConfig probe(Duration interval, Duration timeout) {
    return new ProbeConfig(
        "http",
        ProbeConfig.ProbeType.HTTP,
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        ProbeConfig.DEFAULT_METHOD,
        ProbeConfig.DEFAULT_PATH,
        java.util.Map.of(),
        ProbeConfig.DEFAULT_EXPECT_STATUS,
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        interval,
        timeout,
        ProbeConfig.DEFAULT_FALL,
        ProbeConfig.DEFAULT_RISE,
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        true,
        ProbeConfig.DEFAULT_MAX_BODY_BYTES,
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  @Test
  void theExpectedStatusesAreTheProbersOwnValueNotACopy() throws ConfigException {
    SluiceConfig config = TestConfigs.load(TestConfigs.SANDBOX_DEMO);
    BackendConfig cvm = config.services().getFirst().backends().cvm();
    ProbeConfig probe = cvm.probes().getFirst();

    assertThat(probe.toSpec(cvm.clb()).expectedStatuses()).isSameAs(probe.expectStatus());
  }

  @Test
  void anHttpsProbeWithoutATargetGoesToTheVipOnPort443WithItsBodyRegex() throws ConfigException {
    String yaml =
        TestConfigs.edited(
            TestConfigs.SANDBOX_DEMO,
            "            target: 127.0.0.1:18080 # the emulator's CVM data plane\n"
                + "            host: health.demo.sluice.local",
            "            type: https\n"
                + "            host: health.demo.sluice.local\n"
                + "            bodyMatches: \"ok|healthy\"\n"
                + "            expectStatus: \"200-299,301\"\n");
    SluiceConfig config = TestConfigs.load(yaml.replaceFirst("            type: http\n", ""));
    BackendConfig cvm = config.services().getFirst().backends().cvm();

    ProbeSpec spec = cvm.probes().getFirst().toSpec(cvm.clb());

    assertThat(spec.kind()).isEqualTo(ProbeKind.HTTPS);
    assertThat(spec.port()).isEqualTo(443);
    assertThat(spec.bodyMatch())
        .hasValueSatisfying(
            m -> assertThat(((BodyMatch.Matches) m).pattern().pattern()).isEqualTo("ok|healthy"));
    assertThat(spec.expectedStatuses().contains(301)).isTrue();
    assertThat(spec.expectedStatuses().contains(302)).isFalse();
  }

  @Test
  void anHttpsProbeCarriesItsClientCertificateAndKey() throws ConfigException {
    String yaml =
        TestConfigs.edited(
            TestConfigs.SANDBOX_DEMO,
            "            target: 127.0.0.1:18080 # the emulator's CVM data plane\n",
            "            target: 127.0.0.1:18080\n"
                + "            tlsClientCertificate: pom.xml\n"
                + "            tlsClientKey: README.md\n");
    SluiceConfig config =
        TestConfigs.load(
            yaml.replaceFirst("            type: http\n", "            type: https\n"));
    BackendConfig cvm = config.services().getFirst().backends().cvm();

    ProbeSpec spec = cvm.probes().getFirst().toSpec(cvm.clb());

    assertThat(spec.clientCertificate()).contains(Path.of("pom.xml"));
    assertThat(spec.clientKey()).contains(Path.of("README.md"));
  }
}
