package io.sluice.cloud;

import static io.sluice.testing.ThrownAt.thrownAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.signal.SignalOutcomes;
import io.sluice.meters.MeterNames;
import io.sluice.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard in front of one cloud action, driven with scripted SDK calls (no network) and a clock
 * the test moves, so the breaker's window and open time need no waiting.
 */
final class ActionGuardTest {
  private static final CloudAction ACTION = CloudAction.DESCRIBE_TARGET_HEALTH;
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Duration OPEN_FOR = Duration.ofSeconds(30);
  private static final int MINIMUM_CALLS = 4;
  private static final int ATTEMPTS = 3;

  private final Vertx vertx = Vertx.vertx();
  private final TrackedExecutor executor = new TrackedExecutor();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  // the monotonic clock latencies are measured on, near overflow as the policy tests start it
  private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @AfterEach
  void close() throws Exception {
    executor.shutdownNow();
    join(vertx.close());
  }

  @Test
  void breakerOpensAtTheFailureRateAndThenAnswersInconclusiveWithoutCallingTheCloud()
      throws Exception {
    ActionGuard guard = guard(1, Duration.ofSeconds(5));
    ScriptedCloud cloud =
        new ScriptedCloud(
            answer(), fail(api("InternalError")), answer(), fail(api("InternalError")));
    for (int i = 0; i < MINIMUM_CALLS - 1; i++) {
      check(guard, cloud);
    }
    assertThat(guard.circuitState())
        .as("not judged before the minimum calls")
        .isEqualTo(CircuitBreaker.State.CLOSED);

    check(guard, cloud);
    assertThat(guard.circuitState())
        .as("2 failures in 4 calls: 50%")
        .isEqualTo(CircuitBreaker.State.OPEN);

    assertThat(check(guard, cloud))
        .isInstanceOfSatisfying(
            ProbeOutcome.Inconclusive.class,
            refused -> assertThat(refused.cause()).isEqualTo(InconclusiveCause.CIRCUIT_OPEN));
    assertThat(cloud.calls()).isEqualTo(MINIMUM_CALLS);

    clock.advance(OPEN_FOR.plusSeconds(1));
    check(guard, cloud);
    assertThat(cloud.calls()).as("after the open time one trial call goes through").isEqualTo(5);
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() throws Exception {
    ActionGuard guard = guard(1, Duration.ofSeconds(5));
    ScriptedCloud cloud = new ScriptedCloud(fail(api("InternalError")));
    for (int i = 0; i < MINIMUM_CALLS - 1; i++) {
      check(guard, cloud);
    }

    clock.advance(WINDOW.plusSeconds(1));
    check(guard, cloud);

    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    check(guard, cloud);
    assertThat(cloud.calls()).isEqualTo(MINIMUM_CALLS + 1);
  }

  static Stream<TencentCloudSDKException> notControlPlaneFaults() {
    return Stream.of(
        api("AuthFailure.SignatureFailure"),
        api("InvalidParameter.LBIdNotFound"),
        api("ResourceNotFound"));
  }

  @ParameterizedTest
  @MethodSource("notControlPlaneFaults")
  void failuresThatAreNotControlPlaneFaultsNeverOpenTheBreaker(TencentCloudSDKException failure)
      throws Exception {
    assertThat(CloudFailure.isControlPlaneFault(failure)).isFalse();
    ActionGuard guard = guard(1, Duration.ofSeconds(5));
    ScriptedCloud cloud = new ScriptedCloud(fail(failure));

    for (int i = 0; i < 2 * MINIMUM_CALLS; i++) {
      check(guard, cloud);
    }

    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(cloud.calls()).isEqualTo(2 * MINIMUM_CALLS);
  }

  static Stream<TencentCloudSDKException> retryable() {
    return Stream.of(
        api("RequestLimitExceeded"),
        api("ResourceInUse"),
        api("ResourceUnavailable"),
        new TencentCloudSDKException("", new ConnectException("refused")));
  }

  @ParameterizedTest
  @MethodSource("retryable")
  void retryableFailureIsRetriedUntilAnAttemptSucceeds(TencentCloudSDKException failure)
      throws Exception {
    ActionGuard guard = guard(ATTEMPTS, Duration.ofSeconds(5));
    ScriptedCloud cloud = new ScriptedCloud(fail(failure), fail(failure), answer());

    assertThat(join(guard.call(cloud))).isEqualTo("answer");
    assertThat(cloud.calls()).isEqualTo(ATTEMPTS);
  }

  static Stream<TencentCloudSDKException> notRetryable() {
    return Stream.of(
        api("InternalError"),
        api("AuthFailure.SignatureFailure"),
        api("InvalidParameter.LBIdNotFound"));
  }

  @ParameterizedTest
  @MethodSource("notRetryable")
  void otherFailuresAreNeverRetried(TencentCloudSDKException failure) {
    ActionGuard guard = guard(ATTEMPTS, Duration.ofSeconds(5));
    ScriptedCloud cloud = new ScriptedCloud(fail(failure), answer());

    assertThatThrownBy(() -> join(guard.call(cloud))).hasCause(failure);
    assertThat(cloud.calls()).isEqualTo(1);
  }

  @Test
  void aWriteWhoseAnswerWasLostIsNeverResentButARefusedOneIs() throws Exception {
    ActionGuard guard = guard(CloudAction.DEREGISTER_TARGETS, ATTEMPTS, Duration.ofSeconds(5));
    TencentCloudSDKException lost = new TencentCloudSDKException("", new ConnectException("reset"));
    ScriptedCloud unanswered = new ScriptedCloud(fail(lost), answer());
    assertThatThrownBy(() -> join(guard.call(unanswered))).hasCause(lost);
    assertThat(unanswered.calls()).as("it may have landed: the caller reads back").isEqualTo(1);

    ScriptedCloud refused =
        new ScriptedCloud(fail(api("RequestLimitExceeded")), fail(api("ResourceInUse")), answer());
    assertThat(join(guard.call(refused))).isEqualTo("answer");
    assertThat(refused.calls()).isEqualTo(ATTEMPTS);
  }

  @Test
  void throttledWritesNeverOpenTheBreaker() throws Exception {
    ActionGuard guard = guard(CloudAction.REGISTER_FUNCTION_TARGETS, 1, Duration.ofSeconds(5));
    ScriptedCloud cloud = new ScriptedCloud(fail(api("RequestLimitExceeded")));
    for (int i = 0; i < 2 * MINIMUM_CALLS; i++) {
      assertThatThrownBy(() -> join(guard.call(cloud)));
    }

    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(cloud.calls()).isEqualTo(2 * MINIMUM_CALLS);
  }

  /** The budget ends the call for the caller, and the interrupt it sends ends the call itself. */
  @Test
  void callBudgetEndsACallThatHangs() throws Exception {
    Duration budget = Duration.ofMillis(200);
    ActionGuard guard = guard(1, budget);
    CompletableFuture<Throwable> callEnded = new CompletableFuture<>();

    Future<String> hung = guard.call(hangsUntilInterrupted(callEnded));

    assertThatThrownBy(() -> join(hung))
        .cause()
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining(ACTION.apiName())
        .hasMessageContaining(budget.toString());
    assertThat(callEnded.get(5, TimeUnit.SECONDS))
        .as("the spent budget interrupted the blocked call")
        .isInstanceOf(InterruptedException.class);
  }

  /**
   * A call whose budget runs out while it waits to retry is not sent again: its caller has given
   * up, and a write landing later could undo what the caller did next. Shown by causality: once the
   * guard's thread has ended, the cloud has still seen only the first attempt.
   */
  @Test
  void aCallWhoseBudgetRunsOutBeforeItsRetryIsNeverSentAgain() throws Exception {
    Duration budget = Duration.ofMillis(200);
    // the retry's pause is 1 h less half of it at the least: the budget always ends first
    Duration pause = Duration.ofHours(1);
    ActionGuard guard = guard(CloudAction.DEREGISTER_TARGETS, 2, budget, pause);
    ScriptedCloud cloud = new ScriptedCloud(fail(api("RequestLimitExceeded")), answer());

    assertThatThrownBy(() -> join(guard.call(cloud))).cause().isInstanceOf(TimeoutException.class);

    assertThat(executor.awaitAllEnded(Duration.ofSeconds(5)))
        .as("the guard's thread ended instead of sleeping out the pause")
        .isTrue();
    assertThat(cloud.calls()).isEqualTo(1);
  }

  /** Issue 12: a caller whose cap is spent (a replica without a lease) sends nothing at all. */
  @Test
  void aSpentCapRefusesTheCallUnsentAndCountsNothing() throws Exception {
    ActionGuard guard = guard(ATTEMPTS, Duration.ofSeconds(5)).capped(() -> 0);
    ScriptedCloud cloud = new ScriptedCloud(answer());

    for (int i = 0; i < 2 * MINIMUM_CALLS; i++) {
      assertThatThrownBy(() -> join(guard.call(cloud)))
          .cause()
          .isInstanceOfSatisfying(CapSpent.class, spent -> assertThat(spent.sent()).isFalse());
    }

    assertThat(cloud.calls()).isZero();
    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(meters.find(MeterNames.CLOUD_CALL).timer()).as("not a call").isNull();
  }

  /** Issue 12: a cap shorter than the budget is the call's deadline, interrupt included. */
  @Test
  void aCapShorterThanTheBudgetEndsTheCallThatHangs() throws Exception {
    ActionGuard guard =
        guard(1, Duration.ofMinutes(10)).capped(() -> Duration.ofMillis(200).toNanos());
    CompletableFuture<Throwable> callEnded = new CompletableFuture<>();

    Future<String> hung = guard.call(hangsUntilInterrupted(callEnded));

    assertThatThrownBy(() -> join(hung))
        .cause()
        .isInstanceOfSatisfying(CapSpent.class, spent -> assertThat(spent.sent()).isTrue());
    assertThat(callEnded.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  /**
   * Issue 12: a call its caller's lease ended was not the cloud's failure. The interrupt that ends
   * it surfaces from the SDK as a transport error, which would count as a control-plane fault: a
   * new leader on a slow cloud whose first reads outlived its young lease opened its read breakers,
   * and its handover took 31 s (BENCHMARKS.md, HA nemesis).
   */
  @Test
  void callsThatOutliveTheirCapNeverOpenTheBreaker() throws Exception {
    ActionGuard guard =
        guard(ATTEMPTS, Duration.ofMinutes(10)).capped(() -> Duration.ofMillis(100).toNanos());

    int interrupted = 0;
    // a loaded machine may start a call's thread after its cap ran out (then nothing is sent):
    // go on until enough calls were under way when their cap ended them
    for (int i = 0; i < 20 * MINIMUM_CALLS && interrupted < 2 * MINIMUM_CALLS; i++) {
      CompletableFuture<Throwable> callEnded = new CompletableFuture<>();
      assertThatThrownBy(() -> join(guard.call(hangsUntilInterrupted(callEnded))))
          .cause()
          .isInstanceOf(CapSpent.class);
      assertThat(executor.awaitAllEnded(Duration.ofSeconds(5))).as("the call's thread").isTrue();
      if (callEnded.isDone()) {
        assertThat(callEnded.get()).isInstanceOf(InterruptedException.class);
        interrupted++;
      }
    }

    assertThat(interrupted).as("calls the cap interrupted").isEqualTo(2 * MINIMUM_CALLS);
    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  /** Issue item 4: an NPE in Sluice's own parsing is not the cloud's trouble. */
  @Test
  void anExceptionOfSluicesOwnCodeIsAnInternalErrorThatNeverOpensTheBreaker() throws Exception {
    ActionGuard guard = guard(ATTEMPTS, Duration.ofSeconds(5));
    ScriptedCloud cloud =
        new ScriptedCloud(
            () -> {
              throw new NullPointerException("a field Sluice's parser did not expect to miss");
            });

    for (int i = 0; i < 2 * MINIMUM_CALLS; i++) {
      assertThat(check(guard, cloud))
          .isInstanceOfSatisfying(
              ProbeOutcome.Inconclusive.class,
              outcome -> {
                assertThat(outcome.cause()).isEqualTo(InconclusiveCause.INTERNAL_ERROR);
                assertThat(outcome.detail()).contains("NullPointerException");
              });
    }

    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(cloud.calls()).as("never retried").isEqualTo(2 * MINIMUM_CALLS);
    assertThat(internalErrors(InternalErrors.CLOUD_CALL)).isEqualTo(2 * MINIMUM_CALLS);
  }

  /**
   * The SDK lets a raw NullPointerException out for a body without {@code Response}: thrown from
   * inside the SDK, it is a malformed answer, a cloud fault that counts against the breaker.
   */
  @Test
  void anExceptionThrownInsideTheSdkIsAMalformedAnswerAndCountsAgainstTheBreaker()
      throws Exception {
    ActionGuard guard = guard(1, Duration.ofSeconds(5));
    ScriptedCloud cloud =
        new ScriptedCloud(
            () -> {
              throw thrownAt(
                  new NullPointerException("errResp.response is null"),
                  "com.tencentcloudapi.common.AbstractClient");
            });

    for (int i = 0; i < MINIMUM_CALLS; i++) {
      assertThat(check(guard, cloud))
          .isInstanceOfSatisfying(
              ProbeOutcome.Inconclusive.class,
              outcome -> assertThat(outcome.cause()).isEqualTo(InconclusiveCause.CLOUD_API_ERROR));
    }

    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(internalErrors(InternalErrors.CLOUD_CALL)).isZero();
  }

  /** Issue item 4: a judge that throws is Sluice's bug, not a failed cloud read. */
  @Test
  void aJudgeThatThrowsReadsInconclusiveInternalErrorAndIsCounted() throws Exception {
    ActionGuard guard = guard(1, Duration.ofSeconds(5));
    ScriptedCloud cloud = new ScriptedCloud(answer());

    ProbeOutcome outcome =
        join(
            SignalOutcomes.<String>check(
                guard,
                cloud,
                (answer, latency) -> {
                  throw new IllegalStateException("the judge's own bug");
                }));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProbeOutcome.Inconclusive.class,
            inconclusive -> {
              assertThat(inconclusive.cause()).isEqualTo(InconclusiveCause.INTERNAL_ERROR);
              assertThat(inconclusive.detail()).contains("the judge's own bug");
            });
    assertThat(internalErrors(InternalErrors.SIGNAL_JUDGE)).isEqualTo(1);
    assertThat(internalErrors(InternalErrors.CLOUD_CALL)).isZero();
    assertThat(guard.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  /** Item 22: latency comes from the guard's monotonic clock, so it is exact under test. */
  @Test
  void latencyIsMeasuredOnTheGuardsClock() throws Exception {
    ActionGuard guard = guard(1, Duration.ofSeconds(5));
    Duration took = Duration.ofMillis(1234);
    ScriptedCloud cloud =
        new ScriptedCloud(
            () -> {
              nanos.addAndGet(took.toNanos()); // the call takes this long on the guard's clock
              return "answer";
            });

    ProbeOutcome outcome = check(guard, cloud);

    assertThat(outcome).isEqualTo(new ProbeOutcome.Up(took));
    assertThat(
            meters
                .get(MeterNames.CLOUD_CALL)
                .tag(MeterNames.TAG_OUTCOME, "success")
                .timer()
                .totalTime(TimeUnit.NANOSECONDS))
        .isEqualTo((double) took.toNanos());
  }

  private ActionGuard guard(int attempts, Duration callBudget) {
    return guard(ACTION, attempts, callBudget);
  }

  private ActionGuard guard(CloudAction action, int attempts, Duration callBudget) {
    return guard(action, attempts, callBudget, Duration.ofMillis(1));
  }

  private ActionGuard guard(
      CloudAction action, int attempts, Duration callBudget, Duration firstBackoff) {
    GuardSettings settings =
        new GuardSettings(
            1.0,
            Duration.ofSeconds(1),
            attempts,
            firstBackoff,
            firstBackoff,
            WINDOW,
            MINIMUM_CALLS,
            50f,
            OPEN_FOR,
            callBudget);
    // the production breaker, on the test's clock (its window and its open time read the config's)
    CircuitBreaker breaker =
        CircuitBreaker.of(
            action.apiName(),
            CircuitBreakerConfig.from(ActionGuard.breakerConfig(settings, action))
                .clock(clock)
                .build());
    return new ActionGuard(
        action,
        settings,
        vertx,
        executor,
        new CredentialAlarm(),
        breaker,
        meters,
        nanos::get,
        new InternalErrors(meters));
  }

  private double internalErrors(String where) {
    return meters
        .get(MeterNames.INTERNAL_ERRORS)
        .tag(MeterNames.TAG_WHERE, where)
        .counter()
        .count();
  }

  private static ProbeOutcome check(ActionGuard guard, ScriptedCloud cloud) throws Exception {
    return join(
        SignalOutcomes.check(guard, cloud, (answer, latency) -> new ProbeOutcome.Up(latency)));
  }

  private static TencentCloudSDKException api(String code) {
    return new TencentCloudSDKException("injected " + code, "req-1", code);
  }

  /** A call that blocks until interrupted, and then tells {@code ended} so. */
  private static CloudCall<String> hangsUntilInterrupted(CompletableFuture<Throwable> ended) {
    CountDownLatch never = new CountDownLatch(1);
    return () -> {
      try {
        never.await();
        return "never";
      } catch (InterruptedException e) {
        ended.complete(e);
        throw new TencentCloudSDKException("interrupted", e);
      }
    };
  }

  private static CloudCall<String> answer() {
    return () -> "answer";
  }

  private static CloudCall<String> fail(TencentCloudSDKException failure) {
    return () -> {
      throw failure;
    };
  }

  private static <T> T join(Future<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** Runs each task on its own virtual thread, and tells when all have ended. */
  private static final class TrackedExecutor extends AbstractExecutorService {
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger running = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
      running.incrementAndGet();
      threads.execute(
          () -> {
            try {
              task.run();
            } finally {
              synchronized (this) {
                running.decrementAndGet();
                notifyAll();
              }
            }
          });
    }

    synchronized boolean awaitAllEnded(Duration bound) throws InterruptedException {
      long end = System.nanoTime() + bound.toNanos();
      while (running.get() > 0 && System.nanoTime() - end < 0) {
        wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      }
      return running.get() == 0;
    }

    @Override
    public void shutdown() {
      threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return threads.awaitTermination(timeout, unit);
    }
  }

  /** A cloud read that plays its steps in order, repeating the last, and counts its calls. */
  private static final class ScriptedCloud implements CloudCall<String> {
    private final Queue<CloudCall<String>> steps;
    private final AtomicInteger calls = new AtomicInteger();

    @SafeVarargs
    ScriptedCloud(CloudCall<String>... steps) {
      this.steps = new ConcurrentLinkedQueue<>(List.of(steps));
    }

    @Override
    public String call() throws TencentCloudSDKException {
      calls.incrementAndGet();
      CloudCall<String> step = steps.size() > 1 ? steps.poll() : steps.peek();
      return step.call();
    }

    int calls() {
      return calls.get();
    }
  }
}
