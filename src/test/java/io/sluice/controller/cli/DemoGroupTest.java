package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.api.Tokens;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ControllerConfig;
import io.sluice.controller.daemon.ListenAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replicas {@code sluice demo --replicas} runs: names, ports and a config that validates. */
final class DemoGroupTest {
  private static final Path DEMO = Path.of("examples", "demo");

  @Test
  void replicasAreNamedForZonesAndListenOnConsecutivePorts() {
    DemoGroup group = DemoGroup.of(3, "127.0.0.1:2181", Optional.empty());

    assertThat(group.names()).containsExactly("zone-a", "zone-b", "zone-c");
    assertThat(group.apis())
        .containsExactly(
            ListenAddress.parse("127.0.0.1:7070"),
            ListenAddress.parse("127.0.0.1:7071"),
            ListenAddress.parse("127.0.0.1:7072"));
    assertThat(DemoGroup.of(2, "z:1", Optional.of("127.0.0.1:0")).apis())
        .allMatch(api -> api.port() > 0)
        .doesNotHaveDuplicates();
  }

  @Test
  void theDemoConfigGainsAGroupAndStillValidates(@TempDir Path state) throws Exception {
    DemoGroup group = DemoGroup.of(3, "127.0.0.1:2181", Optional.empty());

    Path config = group.writeConfig(DEMO.resolve("sluice.yaml"), state);

    ControllerConfig controller =
        new ConfigLoader(
                name ->
                    name.startsWith("SANDBOX_PORT_")
                        ? "18080"
                        : Map.of(DemoGuide.TOKEN_HASH_VARIABLE, Tokens.sha256(Tokens.generate()))
                            .get(name))
            .read(config)
            .config()
            .controller();
    assertThat(controller.vantagePoints()).containsExactly("zone-a", "zone-b", "zone-c");
    ControllerConfig.Ha ha = controller.ha().orElseThrow();
    assertThat(ha.connect()).isEqualTo("127.0.0.1:2181");
    assertThat(ha.sessionTimeout()).hasSeconds(4);
    assertThat(config.getParent()).isEqualTo(state);
    assertThat(Files.readString(config)).contains("source: env");
  }
}
