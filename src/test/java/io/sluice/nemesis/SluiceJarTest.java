package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class SluiceJarTest {
  @Test
  void aMissingJarFailsNamingTheCommandThatBuildsIt() {
    assertThatThrownBy(() -> SluiceJar.require(Path.of("target", "no-such-sluice.jar")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-sluice.jar is missing")
        .hasMessageContaining("`mvn -B -ntp -q package -DskipTests`");
  }

  @Test
  void theCommandRunsTheJarOnThisJvm() {
    Path jar = Path.of("pom.xml"); // any regular file passes the check
    assertThat(SluiceJar.require(jar)).isEqualTo(jar);
    assertThat(SluiceJar.java()).endsWith("/bin/java");
  }
}
