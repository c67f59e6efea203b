package io.sluice.controller.actuate.clb;

import io.sluice.cloud.ClbRule;
import io.vertx.core.Future;

/**
 * The CLB calls the clb-rule actuator makes on one rule: {@link SdkRuleApi} through the official
 * SDK and its guards; tests put a rule in memory behind it. Results arrive on the caller's context.
 */
interface RuleApi {

  /** What DescribeTaskStatus said: 0 succeeded, 1 failed, 2 still running. */
  record TaskState(long status, String message) {
    static final long SUCCEEDED = 0;
    static final long FAILED = 1;
    static final long RUNNING = 2;
  }

  ClbRule rule();

  /** The rule's targets and function, as DescribeTargets reports them. */
  Future<RuleBackends> describe();

  /** Makes the step's write; the answer is its RequestId, which is also its TaskId. */
  Future<String> write(RuleStep step);

  Future<TaskState> taskStatus(String taskId);
}
