package io.sluice.health.signal;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesStatusRequest;
import com.tencentcloudapi.cvm.v20170312.models.InstanceStatus;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CvmInstanceState} through the SDK's CvmClient, behind the DescribeInstancesStatus guard.
 */
public final class SdkCvmInstanceState implements CvmInstanceState {
  /** DescribeInstancesStatus answers at most 100 instances per call. */
  static final int MAX_INSTANCES = 100;

  private final CvmClient cvm;
  private final ActionGuard guard;

  public SdkCvmInstanceState(CloudClients clients, CloudGuards guards) {
    this.cvm = clients.cvm();
    this.guard = guards.guard(CloudAction.DESCRIBE_INSTANCES_STATUS);
  }

  @Override
  public Future<InstanceStates> read(List<String> instanceIds) {
    List<String> ids = checked(instanceIds);
    return guard.call(() -> describe(ids));
  }

  @Override
  public Future<ProbeOutcome> check(List<String> instanceIds) {
    List<String> ids = checked(instanceIds);
    return SignalOutcomes.check(guard, () -> describe(ids), InstanceStates::outcome);
  }

  private InstanceStates describe(List<String> ids) throws TencentCloudSDKException {
    DescribeInstancesStatusRequest request = new DescribeInstancesStatusRequest();
    request.setInstanceIds(ids.toArray(String[]::new));
    request.setLimit((long) MAX_INSTANCES);
    Map<String, String> answered = new HashMap<>();
    InstanceStatus[] set = cvm.DescribeInstancesStatus(request).getInstanceStatusSet();
    for (InstanceStatus status : set == null ? new InstanceStatus[0] : set) {
      answered.put(status.getInstanceId(), status.getInstanceState());
    }
    return InstanceStates.of(ids, answered);
  }

  private static List<String> checked(List<String> instanceIds) {
    List<String> ids = List.copyOf(instanceIds);
    if (ids.isEmpty() || ids.size() > MAX_INSTANCES) {
      throw new IllegalArgumentException(
          "instanceIds: 1 to " + MAX_INSTANCES + " ids, got " + ids.size());
    }
    return ids;
  }
}
