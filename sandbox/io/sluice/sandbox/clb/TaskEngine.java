package io.sluice.sandbox.clb;

import io.sluice.sandbox.api.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * CLB's asynchronous writes. A write is accepted at once and answered with its RequestId; the
 * change it carries applies only when its task completes, {@link TaskSettings#duration()} later on
 * the injected monotonic clock (a test that holds that clock holds the task running for as long as
 * it needs). Until then reads show the old state and further writes on the same load balancer fail
 * with {@code FailedOperation.ResourceInOperating}, as on Tencent Cloud.
 *
 * <p>Completion is driven by {@link #poll()}: the assembler calls it from a periodic timer, the CLB
 * actions call it before they read or write, and tests call it after moving the clock. Whether a
 * task fails is decided when it is submitted (an injected failure from {@link #failNext}, else the
 * configured failure rate), so a run is repeatable with a seeded random generator. All methods are
 * synchronized: tasks are few and short-lived.
 */
public final class TaskEngine {
  private final LongSupplier nanos;
  private final RandomGenerator random;
  private final TaskSettings settings;
  private final LinkedHashMap<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, String> busyLoadBalancers = new HashMap<>();
  private final Deque<String> injectedFailures = new ArrayDeque<>();

  /**
   * @param nanos monotonic time in nanoseconds, compared only by subtraction
   */
  public TaskEngine(LongSupplier nanos, RandomGenerator random, TaskSettings settings) {
    this.nanos = nanos;
    this.random = random;
    this.settings = settings;
  }

  public TaskSettings settings() {
    return settings;
  }

  /**
   * Starts a task for a write already validated against the current state.
   *
   * @param taskId the write's RequestId
   * @param action the write's name, quoted in the busy message
   * @param loadBalancerIds the load balancers the write locks until it completes
   * @param change applied on completion; an {@link ApiException} from it fails the task
   * @throws ApiException {@code FailedOperation.ResourceInOperating} while another task holds one
   *     of the load balancers
   */
  public synchronized void submit(
      String taskId, String action, Collection<String> loadBalancerIds, Runnable change) {
    poll();
    for (String lb : loadBalancerIds) {
      String holder = busyLoadBalancers.get(lb);
      if (holder != null) {
        throw new ApiException(
            "FailedOperation.ResourceInOperating",
            "Your task is working ("
                + tasks.get(holder).action
                + "). Pls wait for the task to complete and try again.");
      }
    }
    Task task =
        new Task(
            taskId,
            action,
            List.copyOf(loadBalancerIds),
            nanos.getAsLong() + settings.duration().toNanos(),
            change,
            plannedFailure());
    tasks.put(taskId, task);
    loadBalancerIds.forEach(lb -> busyLoadBalancers.put(lb, taskId));
    forgetOldFinishedTasks();
  }

  /** Completes every task that is due, in submission order. */
  public synchronized void poll() {
    long now = nanos.getAsLong();
    for (Task task : tasks.values()) {
      if (task.status == TaskStatus.RUNNING && now - task.dueAtNanos >= 0) {
        complete(task);
      }
    }
  }

  public synchronized Optional<TaskView> status(String taskId) {
    poll();
    return Optional.ofNullable(tasks.get(taskId)).map(Task::view);
  }

  /** True while a task holds the load balancer. */
  public synchronized boolean busy(String loadBalancerId) {
    poll();
    return busyLoadBalancers.containsKey(loadBalancerId);
  }

  /** Makes the next submitted task fail with this message (fault injection for tests and admin). */
  public synchronized void failNext(String message) {
    injectedFailures.add(message);
  }

  private String plannedFailure() {
    if (!injectedFailures.isEmpty()) {
      return injectedFailures.poll();
    }
    if (settings.failureRate() > 0 && random.nextDouble() < settings.failureRate()) {
      return "Task failed: injected failure (sandbox failure rate " + settings.failureRate() + ").";
    }
    return null;
  }

  private void complete(Task task) {
    if (task.plannedFailure != null) {
      task.finish(TaskStatus.FAILED, task.plannedFailure);
    } else {
      try {
        task.change.run();
        task.finish(TaskStatus.SUCCEEDED, null);
      } catch (ApiException e) {
        task.finish(TaskStatus.FAILED, e.getMessage());
      }
    }
    task.loadBalancerIds.forEach(lb -> busyLoadBalancers.remove(lb, task.id));
  }

  private void forgetOldFinishedTasks() {
    int excess = tasks.size() - settings.retainedTasks();
    Iterator<Task> oldestFirst = tasks.values().iterator();
    while (excess > 0 && oldestFirst.hasNext()) {
      if (oldestFirst.next().status != TaskStatus.RUNNING) {
        oldestFirst.remove();
        excess--;
      }
    }
  }

  /** One task; mutable, and only ever touched under the engine's lock. */
  private static final class Task {
    final String id;
    final String action;
    final List<String> loadBalancerIds;
    final long dueAtNanos;
    final Runnable change;
    final String plannedFailure;
    TaskStatus status = TaskStatus.RUNNING;
    String message;

    Task(
        String id,
        String action,
        List<String> loadBalancerIds,
        long dueAtNanos,
        Runnable change,
        String plannedFailure) {
      this.id = id;
      this.action = action;
      this.loadBalancerIds = loadBalancerIds;
      this.dueAtNanos = dueAtNanos;
      this.change = change;
      this.plannedFailure = plannedFailure;
    }

    void finish(TaskStatus outcome, String why) {
      status = outcome;
      message = why;
    }

    TaskView view() {
      return new TaskView(id, action, status, new ArrayList<>(loadBalancerIds), message);
    }
  }
}
