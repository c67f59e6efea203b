package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one place the replicas' config shape lives: a replica alone, and one in a group. */
final class ReplicaConfigTest {
  private static final Path STATE = Path.of("/tmp/nemesis/r1/state");

  @Test
  void aReplicaAloneProbesFromItsOwnNameAndHasNoHaSection() throws Exception {
    String text = ReplicaConfig.text("r1", STATE, Optional.empty());

    assertThat(text)
        .startsWith("controller:\n")
        .contains("  credentials: { source: env }\n")
        .contains("  stateDir: \"/tmp/nemesis/r1/state\"\n")
        .contains("  vantagePoints: [r1]\n")
        .contains("      - { id: nemesis, sha256: ")
        .doesNotContain(ReplicaConfig.TOKEN)
        .doesNotContain("ha:")
        .contains("\nservices:\n");
  }

  @Test
  void aReplicaInAGroupNamesItselfTheEnsembleAndEveryVantagePoint() throws Exception {
    String text =
        ReplicaConfig.text(
            "r2",
            STATE,
            Optional.of(
                new ReplicaConfig.Group(
                    "127.0.0.1:2181,127.0.0.1:2182", List.of("r1", "r2", "r3"))));

    assertThat(text)
        .contains("  vantagePoints: [r1, r2, r3]\n")
        .contains(
            "  ha:\n"
                + "    connect: \"127.0.0.1:2181,127.0.0.1:2182\"\n"
                + "    namespace: sluice\n"
                + "    replica: r2\n"
                + "    sessionTimeout: 4s\n");
  }

  @Test
  void aBenchmarksGroupAsksForItsSessionTimeoutInFrontOfItsOwnServices(@TempDir Path dir)
      throws Exception {
    Path services = Files.writeString(dir.resolve("services.yaml"), "services: [] # a bench's\n");

    String text =
        ReplicaConfig.text(
            "r1",
            STATE,
            Optional.of(
                new ReplicaConfig.Group(
                    "127.0.0.1:2181", List.of("r1", "r2", "r3"), Duration.ofSeconds(10))),
            services);

    assertThat(text).contains("    sessionTimeout: 10s\n").endsWith("\nservices: [] # a bench's\n");
  }
}
