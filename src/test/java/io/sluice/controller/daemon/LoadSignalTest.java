package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.config.PolicyConfig.SpillSignal;
import io.sluice.health.signal.RuleLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

final class LoadSignalTest {
  private static final Instant PERIOD = Instant.parse("2030-01-01T10:00:00Z");
  private static final RuleLoad LOAD =
      new RuleLoad(PERIOD, Duration.ofMinutes(1), 200, 50, OptionalDouble.of(120));

  @Test
  void readsTheConfiguredSignalFromCloudMonitorsFigures() {
    Instant soon = PERIOD.plusSeconds(90);

    assertThat(LoadSignal.value(SpillSignal.FIVE_XX_RATE, Optional.of(LOAD), soon)).hasValue(0.25);
    assertThat(LoadSignal.value(SpillSignal.P95_LATENCY_MS, Optional.of(LOAD), soon)).hasValue(120);
  }

  @Test
  void aFigureOlderThanThreePeriodsOnTheDaemonsClockIsNoFigure() {
    assertThat(
            LoadSignal.value(SpillSignal.FIVE_XX_RATE, Optional.of(LOAD), PERIOD.plusSeconds(180)))
        .isPresent();
    assertThat(
            LoadSignal.value(SpillSignal.FIVE_XX_RATE, Optional.of(LOAD), PERIOD.plusSeconds(181)))
        .isEmpty();
    assertThat(LoadSignal.value(SpillSignal.FIVE_XX_RATE, Optional.empty(), PERIOD)).isEmpty();
  }
}
