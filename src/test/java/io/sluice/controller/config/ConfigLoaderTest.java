package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class ConfigLoaderTest {

  @Test
  void takesEnvironmentValuesWithTheTypeTheyReadAs() throws ConfigException {
    Map<String, String> env = Map.of("FALL", "5", "QUORUM", "0.25", "VERIFY", "false");
    String yaml =
        TestConfigs.edited(
                TestConfigs.SANDBOX_DEMO,
                "fall: 3                 # DOWN after 3 failures in a row (3s)",
                "fall: ${FALL}\n            tlsVerify: ${VERIFY}")
            .replace("      scf:\n", "        health:\n          quorum: ${QUORUM}\n      scf:\n");

    SluiceConfig config = new ConfigLoader(env::get).parse("demo.yaml", yaml);

    BackendConfig cvm = config.services().getFirst().backends().cvm();
    assertThat(cvm.probes().getFirst().fall()).isEqualTo(5);
    assertThat(cvm.probes().getFirst().tlsVerify()).isFalse();
    assertThat(cvm.health().quorum()).isEqualTo(0.25);
  }

  @Test
  void keepsAnEnvironmentValueInsideTextAsText() throws ConfigException {
    String yaml =
        TestConfigs.edited(TestConfigs.SANDBOX_DEMO, "region: ap-guangzhou", "region: ap-${CITY}");

    SluiceConfig config = new ConfigLoader(Map.of("CITY", "shanghai")::get).parse("d.yaml", yaml);

    assertThat(config.controller().region()).isEqualTo("ap-shanghai");
  }

  @Test
  void reportsAnUnsetVariableAtItsValue() {
    String yaml =
        TestConfigs.edited(TestConfigs.SANDBOX_DEMO, "region: ap-guangzhou", "region: ${REGION}");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "8:11 controller.region: environment variable REGION is not set, got '${REGION}'");
  }

  @Test
  void fillsEveryLeftOutKeyWithItsDefault() throws ConfigException {
    SluiceConfig config = TestConfigs.load(TestConfigs.SANDBOX_DEMO);

    ControllerConfig controller = config.controller();
    assertThat(controller.api().listen()).isEqualTo(ControllerConfig.Api.DEFAULT_LISTEN);
    assertThat(controller.maxOverrideTtl()).isEqualTo(ControllerConfig.DEFAULT_MAX_OVERRIDE_TTL);
    assertThat(controller.observeOnly()).isFalse();
    ProbeConfig probe = config.services().getFirst().backends().cvm().probes().getFirst();
    assertThat(probe.method()).isEqualTo(ProbeConfig.DEFAULT_METHOD);
    assertThat(probe.expectStatus()).isEqualTo(ProbeConfig.DEFAULT_EXPECT_STATUS);
    assertThat(probe.maxBodyBytes()).isEqualTo(ProbeConfig.DEFAULT_MAX_BODY_BYTES);
    assertThat(probe.tlsVerify()).isTrue();
    assertThat(probe.fastInterval()).isEmpty();
    HealthConfig health = config.services().getFirst().backends().cvm().health();
    assertThat(health.require()).isEqualTo(RequiredPasses.ALL);
    assertThat(health.quorum()).isEqualTo(HealthConfig.DEFAULT_QUORUM);
    assertThat(config.services().getFirst().policy().warmupRounds())
        .isEqualTo(PolicyConfig.DEFAULT_WARMUP_ROUNDS);
  }

  @Test
  void reportsADuplicateKeyAtTheSecondOne() {
    String yaml =
        TestConfigs.edited(
            TestConfigs.SANDBOX_DEMO,
            "region: ap-guangzhou",
            "region: ap-guangzhou\n  region: ap-beijing");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly("9:3 controller.region: duplicate key; each key may appear once");
  }

  @Test
  void reportsASyntaxErrorInOneLineAtItsPosition() {
    assertThat(TestConfigs.errorsOf("controller:\n  region: [ap\nservices: []\n"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .startsWith("3:")
                    .contains("(root): not valid YAML: ")
                    .doesNotContain("\n"));
  }

  @Test
  void reportsAnEmptyFile() {
    assertThat(TestConfigs.errorsOf("# nothing\n"))
        .containsExactly("1:1 (root): the file is empty");
  }

  @Test
  void reportsAFileThatIsNotAMapping() {
    assertThat(TestConfigs.errorsOf("- a\n- b\n"))
        .containsExactly("1:1 (root): must be a mapping, got a list");
  }

  @Test
  void acceptsAnExpectStatusWrittenAsANumber() throws ConfigException {
    String yaml =
        TestConfigs.edited(
            TestConfigs.SANDBOX_DEMO,
            "fall: 3                 # DOWN after 3 failures in a row (3s)",
            "fall: 3\n            expectStatus: 204");

    ProbeConfig probe =
        TestConfigs.load(yaml).services().getFirst().backends().cvm().probes().getFirst();

    assertThat(probe.expectStatus().contains(204)).isTrue();
    assertThat(probe.expectStatus().contains(200)).isFalse();
  }

  @Test
  void refusesToLoadWithoutThrowingAnythingButConfigException() {
    assertThatThrownBy(() -> TestConfigs.load("services: 3\ncontroller: 4\n"))
        .isInstanceOf(ConfigException.class);
  }
}
