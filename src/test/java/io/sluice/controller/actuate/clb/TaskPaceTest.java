package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class TaskPaceTest {
  private static final Duration UNKNOWN = Duration.ofMillis(50);

  @Test
  void beforeAnyTaskEndedItKeepsTheCallersPause() {
    assertThat(new TaskPace().hurriedPause(0, UNKNOWN)).isEqualTo(UNKNOWN);
  }

  @Test
  void pollsAFifthBeforeTheTaskIsDueAsTheShortestOfTheLastTookThenEveryFewMilliseconds() {
    TaskPace pace = new TaskPace();
    pace.ended(millis(340));
    pace.ended(millis(310));
    pace.ended(millis(360));

    assertThat(pace.hurriedPause(0, UNKNOWN)).isEqualTo(Duration.ofMillis(248));
    assertThat(pace.hurriedPause(millis(200), UNKNOWN)).isEqualTo(Duration.ofMillis(48));
    assertThat(pace.hurriedPause(millis(245), UNKNOWN)).isEqualTo(TaskPace.DUE_PAUSE);
    assertThat(pace.hurriedPause(millis(900), UNKNOWN)).isEqualTo(TaskPace.DUE_PAUSE);
  }

  @Test
  void aFastTaskIsPolledEveryFewMilliseconds() {
    TaskPace pace = new TaskPace();
    pace.ended(millis(12));

    assertThat(pace.hurriedPause(0, UNKNOWN)).isEqualTo(TaskPace.DUE_PAUSE);
  }

  @Test
  void forgetsTasksOlderThanTheLastFew() {
    TaskPace pace = new TaskPace();
    pace.ended(millis(5));
    for (int i = 0; i < TaskPace.REMEMBERED; i++) {
      pace.ended(millis(800));
    }

    assertThat(pace.hurriedPause(0, UNKNOWN)).isEqualTo(Duration.ofMillis(640));
  }

  private static long millis(long ms) {
    return Duration.ofMillis(ms).toNanos();
  }
}
