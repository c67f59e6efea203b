package io.sluice.sandbox.clb;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox's CLB async tasks behave.
 *
 * @param duration how long a write's task runs before its change applies; real durations are
 *     UNCONFIRMED ("seconds in practice"), the default {@link #DEFAULT_DURATION} keeps tests quick
 *     while still making the controller poll
 * @param failureRate the chance, 0 to 1, that a task fails ({@code Status} 1, change not applied)
 * @param retainedTasks how many finished tasks {@code DescribeTaskStatus} still knows; older ones
 *     are forgotten and read as unknown, which bounds memory
 * @param unknownTask the answer for a TaskId the engine does not know (UNCONFIRMED)
 */
public record TaskSettings(
    Duration duration, double failureRate, int retainedTasks, UnknownTaskPolicy unknownTask) {
  public static final Duration DEFAULT_DURATION = Duration.ofMillis(300);
  public static final double DEFAULT_FAILURE_RATE = 0.0;
  public static final int DEFAULT_RETAINED_TASKS = 10_000;
  public static final UnknownTaskPolicy DEFAULT_UNKNOWN_TASK = UnknownTaskPolicy.ERROR;

  public TaskSettings {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(unknownTask, "unknownTask");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative, got " + duration);
    }
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new IllegalArgumentException("failureRate: must be 0-1, got " + failureRate);
    }
    if (retainedTasks < 1) {
      throw new IllegalArgumentException("retainedTasks: must be at least 1, got " + retainedTasks);
    }
  }

  public static TaskSettings defaults() {
    return new TaskSettings(
        DEFAULT_DURATION, DEFAULT_FAILURE_RATE, DEFAULT_RETAINED_TASKS, DEFAULT_UNKNOWN_TASK);
  }

  public TaskSettings withDuration(Duration d) {
    return new TaskSettings(d, failureRate, retainedTasks, unknownTask);
  }

  public TaskSettings withFailureRate(double rate) {
    return new TaskSettings(duration, rate, retainedTasks, unknownTask);
  }

  public TaskSettings withRetainedTasks(int n) {
    return new TaskSettings(duration, failureRate, n, unknownTask);
  }

  public TaskSettings withUnknownTask(UnknownTaskPolicy policy) {
    return new TaskSettings(duration, failureRate, retainedTasks, policy);
  }
}
