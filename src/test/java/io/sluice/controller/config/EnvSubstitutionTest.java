package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class EnvSubstitutionTest {
  private final EnvSubstitution env =
      new EnvSubstitution(Map.of("HOST", "10.0.0.1", "PORT", "8080")::get);

  @Test
  void replacesEveryReferenceInAScalar() {
    EnvSubstitution.Result result = env.apply("${HOST}:${PORT}");

    assertThat(result.ok()).isTrue();
    assertThat(result.text()).isEqualTo("10.0.0.1:8080");
  }

  @Test
  void namesEveryVariableThatIsNotSet() {
    EnvSubstitution.Result result = env.apply("${HOST}:${NOPE}/${ALSO_NOPE}");

    assertThat(result.ok()).isFalse();
    assertThat(result.unset()).containsExactly("NOPE", "ALSO_NOPE");
  }

  @Test
  void leavesADoubledDollarAsALiteralReference() {
    assertThat(env.apply("$${HOST} costs $5").text()).isEqualTo("${HOST} costs $5");
  }

  @Test
  void knowsAWholeReferenceFromOneInsideText() {
    assertThat(EnvSubstitution.isWholeReference("${PORT}")).isTrue();
    assertThat(EnvSubstitution.isWholeReference("x${PORT}")).isFalse();
    assertThat(EnvSubstitution.isWholeReference("$${PORT}")).isFalse();
  }
}
