package io.sluice.controller.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.policies.Backend;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SyntheticScenarioTest {

  @Test
  void anOutageTakesTheTargetDownForItsLengthFromTheDefaultStart() {
    World w =
        SyntheticScenario.parse("outage:30s")
            .applyTo(World.ALL_UP, Backend.CVM, new SplittableRandom(1));

    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(59))).isTrue();
    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(60))).isFalse();
    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(89))).isFalse();
    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(90))).isTrue();
    assertThat(w.healthy(Backend.SCF, Duration.ofSeconds(70))).isTrue();
    assertThat(w.sample(Backend.CVM, "http", "a", Duration.ofSeconds(70)).kind())
        .isEqualTo(World.Sample.Kind.DOWN);
  }

  @Test
  void aFlapAlternatesDownAndUpFromItsStart() {
    World w =
        SyntheticScenario.parse("flap:4s/6s@10s")
            .applyTo(World.ALL_UP, Backend.SCF, new SplittableRandom(1));

    assertThat(w.healthy(Backend.SCF, Duration.ofSeconds(9))).isTrue();
    assertThat(w.healthy(Backend.SCF, Duration.ofSeconds(13))).isFalse();
    assertThat(w.healthy(Backend.SCF, Duration.ofSeconds(14))).isTrue();
    assertThat(w.healthy(Backend.SCF, Duration.ofSeconds(20))).isFalse();
  }

  @Test
  void lossDropsAboutItsRateOfProbesButLeavesTheBackendsHealthy() {
    World w =
        SyntheticScenario.parse("loss:0.2")
            .applyTo(World.ALL_UP, Backend.CVM, new SplittableRandom(7));
    int lost = 0;
    for (int i = 0; i < 10_000; i++) {
      if (w.sample(Backend.CVM, "http", "a", Duration.ofSeconds(i)).kind()
          == World.Sample.Kind.DOWN) {
        lost++;
      }
    }
    assertThat(lost).isBetween(1_800, 2_200);
    assertThat(w.healthy(Backend.CVM, Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void theSameSeedGivesTheSameLosses() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (StringBuilder sb : new StringBuilder[] {a, b}) {
      World w =
          SyntheticScenario.parse("loss:0.5")
              .applyTo(World.ALL_UP, Backend.CVM, new SplittableRandom(42));
      for (int i = 0; i < 200; i++) {
        sb.append(w.sample(Backend.CVM, "http", "a", Duration.ofSeconds(i)).kind().ordinal());
      }
    }
    assertThat(a.toString()).isEqualTo(b.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"outage", "outage:", "outage:30", "flap:4s", "loss:1.5", "quake:3s"})
  void rejectsBadSpecsNamingTheSyntaxAndTheValue(String spec) {
    assertThatThrownBy(() -> SyntheticScenario.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(SyntheticScenario.SYNTAX)
        .hasMessageContaining("'" + spec + "'");
  }
}
