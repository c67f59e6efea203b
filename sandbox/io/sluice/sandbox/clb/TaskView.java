package io.sluice.sandbox.clb;

import java.util.List;

/**
 * What {@code DescribeTaskStatus} reports about one task.
 *
 * @param action the write that started it, e.g. {@code RegisterTargets}
 * @param message the failure reason, null unless {@link TaskStatus#FAILED}
 */
public record TaskView(
    String taskId, String action, TaskStatus status, List<String> loadBalancerIds, String message) {
  public TaskView {
    loadBalancerIds = List.copyOf(loadBalancerIds);
  }
}
