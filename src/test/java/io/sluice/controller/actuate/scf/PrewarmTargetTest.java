package io.sluice.controller.actuate.scf;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.config.BackendConfig;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PrewarmTargetTest {

  private static PrewarmTarget load(String prewarm) throws Exception {
    String yaml =
        Files.readString(Path.of("examples", "sandbox-demo.yaml"))
            .replace(
                "        function: { name: demo-fallback }",
                "        function: { name: demo-fallback, qualifier: \"2\" }\n"
                    + "        prewarm: "
                    + prewarm);
    SluiceConfig config = new ConfigLoader(name -> null).parse("sandbox-demo.yaml", yaml);
    BackendConfig.Scf scf = config.services().getFirst().backends().scf();
    return PrewarmTarget.of(scf, new NoPrewarmer()).orElseThrow();
  }

  @Test
  void waitsForTheConfiguredTime() throws Exception {
    PrewarmTarget target = load("{ provisionedConcurrency: 3, waitFor: 20s }");

    assertThat(target.waitFor()).isEqualTo(Duration.ofSeconds(20));
    assertThat(target.count()).isEqualTo(3);
    assertThat(target.function().qualifier()).isEqualTo("2");
  }

  @Test
  void waitsAMinuteByDefault() throws Exception {
    assertThat(load("{ provisionedConcurrency: 3 }").waitFor())
        .isEqualTo(BackendConfig.PrewarmConfig.DEFAULT_WAIT_FOR)
        .isEqualTo(Duration.ofSeconds(60));
  }

  /** Never called: the test only reads the target. */
  private static final class NoPrewarmer implements Prewarmer {
    @Override
    public io.vertx.core.Future<PrewarmOutcome> prewarm(
        io.sluice.cloud.FunctionRef function,
        int count,
        Duration budget,
        io.sluice.controller.actuate.StepLog log) {
      throw new AssertionError("not expected");
    }

    @Override
    public io.vertx.core.Future<Optional<PrewarmOutcome>> leftOver(
        io.sluice.cloud.FunctionRef function) {
      throw new AssertionError("not expected");
    }

    @Override
    public io.vertx.core.Future<Void> release(
        io.sluice.cloud.FunctionRef function, io.sluice.controller.actuate.StepLog log) {
      throw new AssertionError("not expected");
    }
  }
}
