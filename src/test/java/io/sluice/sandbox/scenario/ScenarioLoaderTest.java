package io.sluice.sandbox.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ScenarioLoaderTest {

  @Test
  void loadsTheDemoWorld() throws IOException {
    SandboxScenario world = ScenarioLoader.load(Path.of("examples/sandbox/demo-world.yaml"));

    assertThat(world.region()).isEqualTo("ap-guangzhou");
    assertThat(world.instances())
        .extracting(SandboxScenario.InstanceSpec::id)
        .containsExactly("ins-web00001", "ins-web00002");
    assertThat(world.loadBalancers()).hasSize(2);
    SandboxScenario.RuleSpec scfRule =
        world.loadBalancers().get(1).listeners().getFirst().rules().getFirst();
    assertThat(scfRule.function())
        .hasValueSatisfying(f -> assertThat(f.name()).isEqualTo("demo-fallback"));
    assertThat(scfRule.targets()).isEmpty();
    assertThat(world.dns().getFirst().records()).hasSize(2);
  }

  @Test
  void anUnknownKeyIsAnErrorWithItsPosition() {
    String yaml = "region: ap-guangzhou\ninstances:\n  - id: ins-1\n    nmae: web\n";

    assertThatThrownBy(() -> ScenarioLoader.parse("w.yaml", yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("w.yaml: instances[0].nmae: unknown key; known keys: [")
        .hasMessageContaining("name");
  }

  @Test
  void aWrongTypeNamesTheField() {
    String yaml =
        "loadBalancers:\n  - id: lb-1\n    listeners:\n      - {id: l, protocol: HTTP, port: eighty}\n";

    assertThatThrownBy(() -> ScenarioLoader.parse("w.yaml", yaml))
        .hasMessageStartingWith("w.yaml: loadBalancers[0].listeners[0].port: ");
  }

  @Test
  void aMissingRequiredFieldNamesItInsteadOfDefaultingToZero() {
    String yaml = "loadBalancers:\n  - id: lb-1\n    listeners:\n      - {id: l, protocol: HTTP}\n";

    assertThatThrownBy(() -> ScenarioLoader.parse("w.yaml", yaml))
        .hasMessageContaining("loadBalancers[0].listeners[0]")
        .hasMessageContaining("port");
  }

  @Test
  void aMissingSectionIsEmptyAndTheRegionDefaults() {
    SandboxScenario world = ScenarioLoader.parse("w.yaml", "instances: []\n");

    assertThat(world.region()).isEqualTo(SandboxScenario.DEFAULT_REGION);
    assertThat(world.loadBalancers()).isEmpty();
    assertThat(world.settings()).isEmpty();
  }

  @Test
  void monitorOpenPeriodIsOffByDefaultAndCanBeTurnedOn() {
    SandboxScenario plain = ScenarioLoader.parse("w.yaml", "instances: []\n");
    SandboxScenario open = ScenarioLoader.parse("w.yaml", "settings:\n  monitorOpenPeriod: true\n");

    assertThat(new ScenarioSettings(plain).monitor().publishOpenPeriod()).isFalse();
    assertThat(new ScenarioSettings(open).monitor().publishOpenPeriod()).isTrue();
  }

  @Test
  void actionTimeoutDefaultsToThirtySecondsAndMustBeAboveZero() {
    SandboxScenario plain = ScenarioLoader.parse("w.yaml", "instances: []\n");
    SandboxScenario quick = ScenarioLoader.parse("w.yaml", "settings:\n  actionTimeout: 2s\n");
    SandboxScenario zero = ScenarioLoader.parse("w.yaml", "settings:\n  actionTimeout: 0s\n");

    assertThat(new ScenarioSettings(plain).actionTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(new ScenarioSettings(quick).actionTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> new ScenarioSettings(zero).actionTimeout())
        .hasMessage("settings.actionTimeout: must be above zero, got '0s'");
  }
}
