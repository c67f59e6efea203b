package io.sluice.sandbox.clb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.api.ApiException;
import io.sluice.testing.MutableNanos;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class TaskEngineTest {
  /** Wraps past {@link Long#MAX_VALUE} a tenth of a second in. */
  private final MutableNanos clock = new MutableNanos(Long.MAX_VALUE - 100_000_000L);

  private final List<String> applied = new ArrayList<>();

  @Test
  void forgetsTheOldestFinishedTasksBeyondTheRetentionBound() {
    TaskEngine engine =
        new TaskEngine(clock, new Random(1), TaskSettings.defaults().withRetainedTasks(2));
    for (int i = 1; i <= 3; i++) {
      engine.submit("t" + i, "RegisterTargets", List.of("lb-" + i), () -> {});
      clock.advance(Duration.ofSeconds(1));
      engine.poll();
    }

    assertThat(engine.status("t1")).isEmpty();
    assertThat(engine.status("t3")).map(TaskView::status).contains(TaskStatus.SUCCEEDED);
  }

  @Test
  void aChangeThatNoLongerAppliesFailsTheTaskWithItsMessage() {
    TaskEngine engine = new TaskEngine(clock, new Random(1), TaskSettings.defaults());
    engine.submit(
        "t1",
        "DeregisterTargets",
        List.of("lb-1"),
        () -> {
          throw new ApiException("InvalidParameterValue", "Target ins-1:80 is not bound.");
        });
    clock.advance(Duration.ofSeconds(1));

    assertThat(engine.status("t1"))
        .map(TaskView::message)
        .contains("Target ins-1:80 is not bound.");
    assertThat(engine.busy("lb-1")).isFalse();
  }

  @Test
  void completesDueTasksInSubmissionOrderAndOnlyLocksTheirLoadBalancers() {
    TaskEngine engine = new TaskEngine(clock, new Random(1), TaskSettings.defaults());
    engine.submit("t1", "A", List.of("lb-1"), () -> applied.add("t1"));
    engine.submit("t2", "B", List.of("lb-2"), () -> applied.add("t2"));

    assertThat(engine.busy("lb-1")).isTrue();
    assertThat(engine.busy("lb-3")).isFalse();
    clock.advance(TaskSettings.DEFAULT_DURATION);
    engine.poll();

    assertThat(applied).containsExactly("t1", "t2");
    assertThat(engine.busy("lb-1")).isFalse();
  }

  @Test
  void aTaskRunsForItsDurationOnTheMonotonicClockAcrossItsWrap() {
    TaskEngine engine = new TaskEngine(clock, new Random(1), TaskSettings.defaults());
    engine.submit("t1", "A", List.of("lb-1"), () -> applied.add("t1"));

    clock.advance(TaskSettings.DEFAULT_DURATION.minusNanos(1));
    engine.poll();
    assertThat(applied).as("one nanosecond early").isEmpty();
    clock.advance(Duration.ofNanos(1));
    engine.poll();

    assertThat(applied).containsExactly("t1");
  }
}
