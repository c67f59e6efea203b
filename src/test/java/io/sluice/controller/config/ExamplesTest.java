package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Backend;
import io.sluice.policies.FailoverSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples an SRE copies from must load, and must turn into settings the policies accept. */
final class ExamplesTest {

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(TestConfigs.EXAMPLES)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).hasSizeGreaterThanOrEqualTo(3);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void loadsAndMapsEveryServiceToPolicySettings(Path example) throws ConfigException {
    SluiceConfig config = TestConfigs.load(example);

    assertThat(config.services()).isNotEmpty();
    config.services().forEach(s -> assertThat(config.routes(s)).isNotEmpty());
  }

  @Test
  void sandboxDemoHasTheSettingsTheSimulatorRunsWith() throws ConfigException {
    SluiceConfig config = TestConfigs.load(TestConfigs.SANDBOX_DEMO);

    assertThat(config.controller().credentials().source())
        .isEqualTo(ControllerConfig.CredentialSource.SANDBOX);
    assertThat(config.controller().vantagePoints()).containsExactly("a", "b");
    ServiceConfig demo = config.services().getFirst();
    assertThat(demo.backends().cvm().clb().vip()).contains("127.0.0.1");
    ProbeConfig probe = demo.backends().cvm().probes().getFirst();
    assertThat(probe.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(probe.fall()).isEqualTo(3);
    assertThat(probe.rise()).isEqualTo(2);
    FailoverSettings settings = (FailoverSettings) config.routes(demo).getFirst().settings();
    assertThat(settings.primary()).isEqualTo(Backend.CVM);
    assertThat(settings.confirmFor()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.safeguards().minDwell()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.failback().after()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.safeguards().flapBudget().maxTransitions()).isEqualTo(4);
    assertThat(settings.safeguards().flapBudget().window()).isEqualTo(Duration.ofMinutes(10));
  }
}
