package io.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "0s, PT0S"})
  void readsEachUnit(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10 s   | no space between",
        "-1s    | must not be negative",
        "5x     | unknown unit 'x'",
        "30     | needs a unit",
        "1.5s   | whole number",
        "s      | whole number",
        "1m30s  | whole number",
        "99999999999999999999s | too large"
      })
  void explainsWhatIsWrong(String text, String explanation) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(explanation)
        .hasMessageEndingWith("got '" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"PT0.25S, 250ms", "PT90S, 90s", "PT5M, 5m", "PT2H, 2h", "PT48H, 2d", "PT0S, 0s"})
  void writesTheLargestExactUnit(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
  }

  @Property
  void formatThenParseGivesTheSameDuration(@ForAll @LongRange(max = 10_000_000_000L) long millis) {
    Duration d = Duration.ofMillis(millis);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }
}
