package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.cloud.ClbRule;
import io.sluice.controller.actuate.Pauses;
import io.sluice.controller.actuate.StepLog;
import io.sluice.testing.MutableNanos;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a write's task is polled while the rule routes to nothing, on a fake clock: pauses are
 * recorded and pass at once, the task answers from a script.
 */
final class StepRunnerPollTest {
  private static final RuleApi.TaskState RUNNING = new RuleApi.TaskState(2, "");
  private static final RuleApi.TaskState DONE = new RuleApi.TaskState(0, "");

  private final MutableNanos nanos = new MutableNanos();
  private final List<Duration> pauses = new ArrayList<>();
  private final Deque<Future<RuleApi.TaskState>> answers = new ArrayDeque<>();

  @Test
  void aPollThatFailsBacksOffEvenInAHurry() {
    answers.add(Future.failedFuture(new IllegalStateException("RequestLimitExceeded")));
    answers.add(Future.failedFuture(new IllegalStateException("RequestLimitExceeded")));
    answers.add(Future.failedFuture(new IllegalStateException("RequestLimitExceeded")));
    answers.add(Future.succeededFuture(DONE));

    assertThat(runner().run(step(), StepLog.NONE, () -> true).succeeded()).isTrue();

    assertThat(pauses)
        .containsExactly(StepRunner.FIRST_PAUSE, Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void aRunningTaskIsPolledWithoutSlowingDownInAHurry() {
    answers.add(Future.succeededFuture(RUNNING));
    answers.add(Future.succeededFuture(RUNNING));
    answers.add(Future.succeededFuture(RUNNING));
    answers.add(Future.succeededFuture(DONE));

    assertThat(runner().run(step(), StepLog.NONE, () -> true).succeeded()).isTrue();

    assertThat(pauses).containsOnly(StepRunner.FIRST_PAUSE).hasSize(3);
  }

  private StepRunner runner() {
    Pauses recorded =
        pause -> {
          pauses.add(pause);
          nanos.advance(pause);
          return Future.succeededFuture();
        };
    return new StepRunner(
        new ScriptedApi(), recorded, nanos, Duration.ofMinutes(1), new SimpleMeterRegistry());
  }

  private static RuleStep step() {
    return new RuleStep.RegisterTargets(List.of(new CvmTarget("ins-00000001", 80, 10)));
  }

  private final class ScriptedApi implements RuleApi {
    @Override
    public ClbRule rule() {
      return new ClbRule("lb-1", "lbl-1", "loc-1");
    }

    @Override
    public Future<RuleBackends> describe() {
      throw new UnsupportedOperationException("a step does not read the rule");
    }

    @Override
    public Future<String> write(RuleStep step) {
      return Future.succeededFuture("req-1");
    }

    @Override
    public Future<TaskState> taskStatus(String taskId) {
      return answers.remove();
    }
  }
}
