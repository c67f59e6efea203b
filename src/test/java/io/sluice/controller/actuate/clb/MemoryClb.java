package io.sluice.controller.actuate.clb;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.cloud.ClbRule;
import io.sluice.controller.actuate.Actuator;
import io.sluice.testing.CloudWeather;
import io.sluice.testing.CloudWeather.Fault;
import io.sluice.testing.Mutation;
import io.sluice.testing.VirtualTime;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One CLB rule in memory, on a {@link VirtualTime}: writes are asynchronous tasks that take effect
 * when they end, a second write while a task runs is refused ({@code ResourceInOperating}), a rule
 * that may not hold both kinds refuses a write that would mix them, and the {@link CloudWeather}
 * makes calls throttled, failing (a write may still land), hanging until the guard's budget, or
 * tasks fail. Every change the rule goes through is reported as a {@link Mutation}.
 */
public final class MemoryClb {
  public static final String PIECE = "rule";
  static final ClbRule RULE = new ClbRule("lb-1", "lbl-1", "loc-1");
  static final FunctionBinding FUNCTION = new FunctionBinding("default", "fn", "$LATEST", 0);
  public static final List<CvmTarget> HOME =
      List.of(new CvmTarget("ins-1", 80, 10), new CvmTarget("ins-2", 80, 20));

  private final VirtualTime time;
  private final CloudWeather weather;
  private final boolean mixed;
  private final SplittableRandom random;
  private final Consumer<Mutation> mutations;
  private final Consumer<String> sent;
  private final Map<String, RuleApi.TaskState> tasks = new HashMap<>();
  private RuleBackends rule = new RuleBackends(HOME, Optional.empty());
  private long busyUntil;
  private int requests;

  /**
   * @param mixed whether the rule may hold CVM targets and the function at once
   * @param mutations told of every change of the rule
   * @param sent told of every write the cloud accepted, by RequestId, when it is accepted
   */
  public MemoryClb(
      VirtualTime time,
      CloudWeather weather,
      boolean mixed,
      SplittableRandom random,
      Consumer<Mutation> mutations,
      Consumer<String> sent) {
    this.time = time;
    this.weather = weather;
    this.mixed = mixed;
    this.random = random;
    this.mutations = mutations;
    this.sent = sent;
    this.busyUntil = time.nanos();
  }

  /**
   * A clb-rule actuator of a new process on this rule, beside DNS weights ({@code actuator: both},
   * as the daemon builds it); its home targets live in {@code homes}.
   */
  public Actuator actuator(HomeTargets homes) {
    return new ClbRuleActuator(
            new Api(),
            FUNCTION,
            mixed,
            new ClbLocks(),
            homes,
            InstanceRegistry.EVERY_INSTANCE_KNOWN,
            pause -> time.later(pause, () -> null),
            time::nanos,
            new SimpleMeterRegistry(),
            ClbRuleActuator.DEFAULT_TASK_BUDGET)
        .besideDnsWeightsIf(true);
  }

  /** The rule's {cvm, scf} traffic shares in percent; {0, 0} while it routes to nothing. */
  public int[] shares() {
    return shares(rule);
  }

  public boolean routesNothing() {
    return rule.routesNothing();
  }

  public String describe() {
    return rule.describe();
  }

  private static int[] shares(RuleBackends rule) {
    int cvm = rule.cvmWeight();
    int scf = rule.function().map(FunctionBinding::weight).orElse(0);
    if (cvm + scf == 0) {
      return new int[] {0, 0};
    }
    int cvmShare = (int) Math.round(100.0 * cvm / (cvm + scf));
    return new int[] {cvmShare, 100 - cvmShare};
  }

  private Duration latency() {
    return Duration.ofMillis(5 + random.nextInt(60));
  }

  private final class Api implements RuleApi {
    @Override
    public ClbRule rule() {
      return RULE;
    }

    @Override
    public Future<RuleBackends> describe() {
      Fault fault = weather.now();
      return switch (fault) {
        case NONE, TASK_FAILS -> time.later(latency(), () -> MemoryClb.this.rule);
        default -> failure(fault);
      };
    }

    @Override
    public Future<String> write(RuleStep step) {
      Fault fault = weather.now();
      if (fault == Fault.THROTTLED) {
        return failure(fault);
      }
      if (busyUntil - time.nanos() > 0) {
        return time.failLater(
            latency(), sdk("FailedOperation.ResourceInOperating", "a task is running"));
      }
      RuleBackends after = step.applyTo(rule);
      if (!mixed && after.cvmRouted() && after.scfRouted()) {
        return time.failLater(
            latency(), sdk("InvalidParameter", "the rule cannot hold targets and a function"));
      }
      boolean lands = fault == Fault.NONE || fault == Fault.TASK_FAILS || random.nextBoolean();
      String requestId = "req-" + ++requests;
      if (lands) {
        accept(step, requestId, fault == Fault.TASK_FAILS);
      }
      return switch (fault) {
        case NONE, TASK_FAILS -> time.later(latency(), () -> requestId);
        // a failed call answers with its own RequestId, the one the write landed under if it did
        default -> failure(fault, requestId);
      };
    }

    @Override
    public Future<TaskState> taskStatus(String taskId) {
      Fault fault = weather.now();
      return switch (fault) {
        case NONE, TASK_FAILS ->
            time.later(
                latency(),
                () -> tasks.getOrDefault(taskId, new TaskState(TaskState.FAILED, "no such task")));
        default -> failure(fault);
      };
    }
  }

  /** The write is the cloud's now: its task runs and ends whatever happens to the caller. */
  private void accept(RuleStep step, String requestId, boolean taskFails) {
    sent.accept(requestId);
    Duration taskTime = Duration.ofMillis(random.nextInt(300));
    busyUntil = time.nanos() + taskTime.toNanos();
    tasks.put(requestId, new RuleApi.TaskState(RuleApi.TaskState.RUNNING, "running"));
    time.scheduleInWorld(
        taskTime,
        () -> {
          if (taskFails) {
            tasks.put(requestId, new RuleApi.TaskState(RuleApi.TaskState.FAILED, "task failed"));
            return;
          }
          RuleBackends before = rule;
          rule = step.applyTo(rule);
          tasks.put(requestId, new RuleApi.TaskState(RuleApi.TaskState.SUCCEEDED, "done"));
          mutations.accept(
              new Mutation(
                  time.nanos(),
                  PIECE,
                  step.action().apiName(),
                  RULE.toString(),
                  requestId,
                  shares(before),
                  shares(rule),
                  rule.routesNothing()));
        });
  }

  private <T> Future<T> failure(Fault fault) {
    return failure(fault, "rid-" + ++requests);
  }

  private <T> Future<T> failure(Fault fault, String requestId) {
    return weather.failure(fault, requestId, latency());
  }

  static TencentCloudSDKException sdk(String code, String message) {
    return new TencentCloudSDKException(message, "rid-" + code, code);
  }
}
