package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.sluice.controller.health.HealthWatchlist;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever probe timing {@code validate} accepts, the daemon builds: the probes, the watchlist and
 * the routes that {@code run} and {@code demo} make from a config at start never refuse a config
 * that validated (a timeout of 900ms with a fastInterval of 200ms, or of 0ms, once did), fast
 * timeouts included.
 */
final class ValidateAcceptsWhatRunTakesProperties {
  private static final String TIMING =
      "            interval: 1s\n            timeout: 500ms\n            fall: 3  ";

  @Property(tries = 300)
  void aProbeTimingThatValidatesIsOneTheDaemonBuilds(
      @ForAll @IntRange(min = 0, max = 30) int intervalTenths,
      @ForAll @IntRange(min = 0, max = 30) int timeoutTenths,
      @ForAll @IntRange(min = -1, max = 30) int fastTenths,
      @ForAll @IntRange(min = -1, max = 30) int fastTimeoutTenths) {
    String timing =
        "            interval: "
            + intervalTenths * 100
            + "ms\n            timeout: "
            + timeoutTenths * 100
            + "ms\n"
            + (fastTenths < 0 ? "" : "            fastInterval: " + fastTenths * 100 + "ms\n")
            + (fastTimeoutTenths < 0
                ? ""
                : "            fastTimeout: " + fastTimeoutTenths * 100 + "ms\n")
            + "            fall: 3  ";
    Optional<SluiceConfig> config =
        loaded(TestConfigs.edited(TestConfigs.SANDBOX_DEMO, TIMING, timing));

    config.ifPresent(
        c ->
            assertThatCode(
                    () -> {
                      HealthWatchlist.from(c);
                      c.services().forEach(c::routes);
                    })
                .as("validate accepted %s", timing)
                .doesNotThrowAnyException());
  }

  private static Optional<SluiceConfig> loaded(String yaml) {
    try {
      return Optional.of(TestConfigs.load(yaml));
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }
}
