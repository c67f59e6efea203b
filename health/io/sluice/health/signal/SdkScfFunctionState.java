package io.sluice.health.signal;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.scf.v20180416.ScfClient;
import com.tencentcloudapi.scf.v20180416.models.GetFunctionRequest;
import com.tencentcloudapi.scf.v20180416.models.GetFunctionResponse;
import com.tencentcloudapi.scf.v20180416.models.GetProvisionedConcurrencyConfigRequest;
import com.tencentcloudapi.scf.v20180416.models.VersionProvisionedConcurrencyInfo;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.FunctionRef;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * {@link ScfFunctionState} through the SDK's ScfClient, behind the GetFunction and
 * GetProvisionedConcurrencyConfig guards.
 */
public final class SdkScfFunctionState implements ScfFunctionState {
  private final ScfClient scf;
  private final ActionGuard getFunction;
  private final ActionGuard getProvisioned;

  public SdkScfFunctionState(CloudClients clients, CloudGuards guards) {
    this.scf = clients.scf();
    this.getFunction = guards.guard(CloudAction.GET_FUNCTION);
    this.getProvisioned = guards.guard(CloudAction.GET_PROVISIONED_CONCURRENCY_CONFIG);
  }

  @Override
  public Future<FunctionState> read(FunctionRef function) {
    Objects.requireNonNull(function, "function");
    return getFunction.call(() -> describe(function));
  }

  @Override
  public Future<ProbeOutcome> check(FunctionRef function) {
    Objects.requireNonNull(function, "function");
    return SignalOutcomes.check(getFunction, () -> describe(function), FunctionState::outcome);
  }

  @Override
  public Future<ProvisionedReadiness> provisioned(FunctionRef function) {
    Objects.requireNonNull(function, "function");
    return getProvisioned.call(() -> readiness(function));
  }

  private FunctionState describe(FunctionRef function) throws TencentCloudSDKException {
    GetFunctionRequest request = new GetFunctionRequest();
    request.setNamespace(function.namespace());
    request.setFunctionName(function.name());
    request.setQualifier(function.qualifier());
    GetFunctionResponse response = scf.GetFunction(request);
    return new FunctionState(
        function, response.getStatus(), response.getType(), response.getStatusDesc());
  }

  private ProvisionedReadiness readiness(FunctionRef function) throws TencentCloudSDKException {
    GetProvisionedConcurrencyConfigRequest request = new GetProvisionedConcurrencyConfigRequest();
    request.setNamespace(function.namespace());
    request.setFunctionName(function.name());
    request.setQualifier(function.qualifier());
    VersionProvisionedConcurrencyInfo[] allocated =
        scf.GetProvisionedConcurrencyConfig(request).getAllocated();
    for (VersionProvisionedConcurrencyInfo info :
        allocated == null ? new VersionProvisionedConcurrencyInfo[0] : allocated) {
      if (function.qualifier().equals(info.getQualifier())) {
        return new ProvisionedReadiness(
            function.qualifier(),
            Objects.requireNonNullElse(info.getStatus(), ""),
            Objects.requireNonNullElse(info.getAllocatedProvisionedConcurrencyNum(), 0L),
            Objects.requireNonNullElse(info.getAvailableProvisionedConcurrencyNum(), 0L));
      }
    }
    return new ProvisionedReadiness(function.qualifier(), ProvisionedReadiness.NONE, 0, 0);
  }
}
