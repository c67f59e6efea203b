package io.sluice.controller.actuate.clb;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import io.sluice.controller.actuate.Pauses;
import io.sluice.controller.actuate.StepLog;
import io.sluice.meters.MeterNames;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Makes one write and waits for its task, within a budget (reliability faults 1-3 and 5).
 *
 * <ol>
 *   <li>{@link StepLog#before}, so the intent is durable before the cloud hears of it;
 *   <li>the write; refused for now ({@link WriteFailure#BUSY}) it is tried again after a pause
 *       while the budget lasts, refused for good it fails (FAILED), unanswered it fails (UNKNOWN)
 *       and is never sent again blindly;
 *   <li>DescribeTaskStatus with the RequestId, first at once, then after pauses that double from
 *       {@link #FIRST_PAUSE} to {@link #MAX_PAUSE}: 0 done, 1 FAILED, 2 wait on; a budget spent
 *       first is UNKNOWN. While the rule routes to nothing, polls come when the task is due, as
 *       this rule's last tasks took ({@link TaskPace}), and then every few milliseconds, so the
 *       next write goes out as soon as the task is done;
 *   <li>{@link StepLog#after} with the RequestId and the outcome.
 * </ol>
 */
final class StepRunner {
  static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  static final Duration MAX_PAUSE = Duration.ofSeconds(1);
  static final String TASK_FAILED = "Sluice.TaskFailed";
  static final String BUDGET_SPENT = "Sluice.TaskBudgetSpent";

  private final RuleApi api;
  private final Pauses pauses;
  private final LongSupplier nanos;
  private final Duration budget;
  private final MeterRegistry meters;
  private final TaskPace pace = new TaskPace();

  /**
   * @param pauses how the runner waits between attempts and polls
   * @param nanos the monotonic clock the budget and the task waits are measured on
   */
  StepRunner(
      RuleApi api, Pauses pauses, LongSupplier nanos, Duration budget, MeterRegistry meters) {
    this.api = api;
    this.pauses = pauses;
    this.nanos = nanos;
    this.budget = budget;
    this.meters = meters;
  }

  /**
   * @param hurry true while the rule routes to nothing: poll without slowing down
   * @return the write's RequestId once its task has succeeded
   */
  Future<String> run(RuleStep step, StepLog log, BooleanSupplier hurry) {
    String action = step.action().apiName();
    String target = api.rule().toString();
    long deadline = nanos.getAsLong() + budget.toNanos();
    return log.before(action, target, step.value())
        .recover(
            failure -> Future.failedFuture(ActuationException.notJournaled(failure, List.of())))
        .compose(
            durable ->
                write(step, deadline, FIRST_PAUSE)
                    .compose(
                        requestId -> awaitTask(action, requestId, deadline, hurry).map(requestId))
                    .andThen(
                        done -> log.after(action, target, requestIdOf(done), outcomeOf(done))));
  }

  private Future<String> write(RuleStep step, long deadline, Duration pause) {
    return api.write(step)
        .recover(
            failure -> {
              WriteFailure kind = WriteFailure.of(failure);
              if (kind == WriteFailure.BUSY && fitsBefore(pause, deadline)) {
                return after(jittered(pause)).compose(v -> write(step, deadline, longer(pause)));
              }
              String why =
                  switch (kind) {
                    case BUSY -> "still refused after the budget of " + budget + ": ";
                    case REJECTED -> "refused: ";
                    case UNANSWERED -> "no usable answer, it may or may not be applied: ";
                  };
              return Future.failedFuture(
                  new ActuationException(
                      kind.outcome(),
                      WriteFailure.code(failure),
                      step.action().apiName() + " " + why + failure,
                      List.of(),
                      failure));
            })
        .compose(
            requestId ->
                requestId == null || requestId.isBlank()
                    ? Future.failedFuture(
                        new ActuationException(
                            Outcome.UNKNOWN,
                            "Sluice.NoRequestId",
                            step.action().apiName() + " was answered without a RequestId to poll",
                            List.of(),
                            null))
                    : Future.succeededFuture(requestId));
  }

  private Future<Void> awaitTask(
      String action, String taskId, long deadline, BooleanSupplier hurry) {
    long started = nanos.getAsLong();
    return poll(action, taskId, started, deadline, FIRST_PAUSE, hurry, null)
        .andThen(
            done -> {
              if (done.succeeded()) {
                pace.ended(nanos.getAsLong() - started);
              }
            })
        .andThen(
            done ->
                Timer.builder(MeterNames.TASK_WAIT)
                    .description("waiting for a CLB write's task to end")
                    .serviceLevelObjectives(MeterNames.CLOUD_LATENCY_BUCKETS)
                    .tag(MeterNames.TAG_ACTION, action)
                    .tag(MeterNames.TAG_OUTCOME, taskOutcome(done))
                    .register(meters)
                    .record(Duration.ofNanos(nanos.getAsLong() - started)));
  }

  private Future<Void> poll(
      String action,
      String taskId,
      long started,
      long deadline,
      Duration pause,
      BooleanSupplier hurry,
      Throwable lastFailure) {
    return api.taskStatus(taskId)
        .transform(
            answer -> {
              if (answer.succeeded() && answer.result().status() == RuleApi.TaskState.SUCCEEDED) {
                return Future.<Void>succeededFuture();
              }
              if (answer.succeeded() && answer.result().status() == RuleApi.TaskState.FAILED) {
                return Future.<Void>failedFuture(
                    new ActuationException(
                        Outcome.FAILED,
                        TASK_FAILED,
                        action + " task " + taskId + " failed: " + answer.result().message(),
                        List.of(taskId),
                        null));
              }
              Throwable failure = answer.failed() ? answer.cause() : lastFailure;
              // a poll that failed (throttled, unanswered) backs off even in a hurry: polling
              // faster would only spend the action's rate on more refusals
              Duration next =
                  hurry.getAsBoolean() && answer.succeeded()
                      ? pace.hurriedPause(nanos.getAsLong() - started, FIRST_PAUSE)
                      : pause;
              if (!fitsBefore(next, deadline)) {
                return Future.<Void>failedFuture(
                    new ActuationException(
                        Outcome.UNKNOWN,
                        BUDGET_SPENT,
                        action
                            + " task "
                            + taskId
                            + " had not finished within the budget of "
                            + budget
                            + (failure == null ? "" : "; last poll failed: " + failure),
                        List.of(taskId),
                        failure));
              }
              return after(next)
                  .compose(
                      v -> poll(action, taskId, started, deadline, longer(pause), hurry, failure));
            });
  }

  private Future<Void> after(Duration pause) {
    return pauses.after(pause);
  }

  /** Half to all of the pause, so writers refused together do not all come back together. */
  private static Duration jittered(Duration pause) {
    long half = pause.toMillis() / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private boolean fitsBefore(Duration pause, long deadline) {
    return nanos.getAsLong() + pause.toNanos() - deadline < 0;
  }

  private static Duration longer(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
  }

  private static String taskOutcome(AsyncResult<Void> done) {
    if (done.succeeded()) {
      return "done";
    }
    return done.cause() instanceof ActuationException failed && failed.outcome() == Outcome.FAILED
        ? "failed"
        : "budget_spent";
  }

  private static String requestIdOf(AsyncResult<String> done) {
    if (done.succeeded()) {
      return done.result();
    }
    return done.cause() instanceof ActuationException failed && !failed.requestIds().isEmpty()
        ? failed.requestIds().getFirst()
        : "";
  }

  private static String outcomeOf(AsyncResult<String> done) {
    if (done.succeeded()) {
      return "APPLIED";
    }
    if (done.cause() instanceof ActuationException failed) {
      return failed.outcome() + ": " + failed.code() + " " + failed.getMessage();
    }
    return "UNKNOWN: " + done.cause();
  }
}
