package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The soak's table counts runs and violating runs per nemesis and spreads the takeover times. */
final class NemesisSummaryTest {
  @Test
  void theSpreadIsMinLowerMedianAndMaxOfTheTimesPresent() {
    assertThat(
            NemesisSummary.spread(
                List.of(
                    Optional.of(Duration.ofMillis(4300)),
                    Optional.empty(),
                    Optional.of(Duration.ofMillis(4100)),
                    Optional.of(Duration.ofMillis(5200)),
                    Optional.of(Duration.ofMillis(4200)))))
        .isEqualTo("4100 / 4200 / 5200");
    assertThat(NemesisSummary.spread(List.of(Optional.empty()))).isEqualTo("-");
  }

  @Test
  void eachNemesisGetsARowAndTheTotalCountsEveryViolatingRun() {
    Violation stale = new Violation("write-after-newer-epoch", "r1 wrote late", List.of());
    String table =
        NemesisSummary.table(
            List.of(
                outcome(Nemesis.KILL_LEADER, List.of(), 4300),
                outcome(Nemesis.KILL_LEADER, List.of(stale, stale), 4500),
                outcome(Nemesis.JUMP_CLOCK, List.of(), -1)));

    assertThat(table)
        .containsPattern("\\| KILL_LEADER +\\| +2 \\| +1 \\| 4300 / 4300 / 4500 ")
        .containsPattern("\\| JUMP_CLOCK +\\| +1 \\| +0 \\| - ")
        .containsPattern("\\| all +\\| +3 \\| +1 \\| 4300 / 4300 / 4500 ");
  }

  private static NemesisRun.Outcome outcome(
      Nemesis nemesis, List<Violation> violations, long takeoverMillis) {
    Optional<Duration> takeover =
        takeoverMillis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(takeoverMillis));
    return new NemesisRun.Outcome(
        Schedule.of(nemesis), violations, takeover, takeover, Duration.ofSeconds(20));
  }
}
