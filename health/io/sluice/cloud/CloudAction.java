package io.sluice.cloud;

/**
 * The cloud API actions Sluice calls (the signals' reads and the actuators' writes), with each
 * one's documented per-account rate limit. The client-side limiter stays below it (reliability
 * fault 1): a throttled read tells nothing about the backend, so it is cheaper never to be
 * throttled.
 */
public enum CloudAction {
  DESCRIBE_TARGET_HEALTH("DescribeTargetHealth", 20),
  DESCRIBE_INSTANCES_STATUS("DescribeInstancesStatus", 40),
  /** SCF's limit for GetFunction is UNCONFIRMED; most SCF management APIs list 20/s. */
  GET_FUNCTION("GetFunction", 20),
  GET_PROVISIONED_CONCURRENCY_CONFIG("GetProvisionedConcurrencyConfig", 20),
  /** Resolves a rule's listener port and protocol for the Cloud Monitor dimensions. */
  DESCRIBE_LISTENERS("DescribeListeners", 20),
  /** Cloud Monitor allows 20/s (1200/min) per account; every call is billed beyond a free tier. */
  GET_MONITOR_DATA("GetMonitorData", 20),
  // The actuators' calls (controller/…/actuate). CLB documents 20/s for each; DNSPod 20/s.
  DESCRIBE_TARGETS("DescribeTargets", 20),
  REGISTER_TARGETS("RegisterTargets", 20),
  DEREGISTER_TARGETS("DeregisterTargets", 20),
  MODIFY_TARGET_WEIGHT("ModifyTargetWeight", 20),
  REGISTER_FUNCTION_TARGETS("RegisterFunctionTargets", 20),
  DEREGISTER_FUNCTION_TARGETS("DeregisterFunctionTargets", 20),
  /** Changes the bound function's weight in place; its limit is UNCONFIRMED, like the others. */
  MODIFY_FUNCTION_TARGETS("ModifyFunctionTargets", 20),
  DESCRIBE_TASK_STATUS("DescribeTaskStatus", 20),
  DESCRIBE_RECORD_LIST("DescribeRecordList", 20),
  DESCRIBE_RECORD("DescribeRecord", 20),
  MODIFY_RECORD_FIELDS("ModifyRecordFields", 20),
  MODIFY_RECORD_STATUS("ModifyRecordStatus", 20),
  PUT_PROVISIONED_CONCURRENCY_CONFIG("PutProvisionedConcurrencyConfig", 20),
  DELETE_PROVISIONED_CONCURRENCY_CONFIG("DeleteProvisionedConcurrencyConfig", 20);

  private final String apiName;
  private final int documentedPerSecond;

  CloudAction(String apiName, int documentedPerSecond) {
    this.apiName = apiName;
    this.documentedPerSecond = documentedPerSecond;
  }

  /** The action's name on the wire, e.g. {@code DescribeTargetHealth}. */
  public String apiName() {
    return apiName;
  }

  public int documentedPerSecond() {
    return documentedPerSecond;
  }

  /**
   * Whether the action changes the cloud. A write whose answer was lost may have landed, so its
   * guard resends it only when the cloud refused it outright (throttled or busy), and a refusal
   * does not open its breaker: the actuator waits such refusals out itself, and an open breaker
   * would stop every failover using the action for its whole open time.
   */
  public boolean writes() {
    return switch (this) {
      case REGISTER_TARGETS,
          DEREGISTER_TARGETS,
          MODIFY_FUNCTION_TARGETS,
          MODIFY_TARGET_WEIGHT,
          REGISTER_FUNCTION_TARGETS,
          DEREGISTER_FUNCTION_TARGETS,
          MODIFY_RECORD_FIELDS,
          MODIFY_RECORD_STATUS,
          PUT_PROVISIONED_CONCURRENCY_CONFIG,
          DELETE_PROVISIONED_CONCURRENCY_CONFIG ->
          true;
      default -> false;
    };
  }
}
