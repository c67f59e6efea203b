package io.sluice.sandbox.contract;

import static io.sluice.sandbox.api.ApiServerFixture.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.scf.v20180416.ScfClient;
import com.tencentcloudapi.scf.v20180416.models.DeleteProvisionedConcurrencyConfigRequest;
import com.tencentcloudapi.scf.v20180416.models.GetFunctionRequest;
import com.tencentcloudapi.scf.v20180416.models.GetFunctionResponse;
import com.tencentcloudapi.scf.v20180416.models.GetProvisionedConcurrencyConfigRequest;
import com.tencentcloudapi.scf.v20180416.models.InvokeRequest;
import com.tencentcloudapi.scf.v20180416.models.PutProvisionedConcurrencyConfigRequest;
import com.tencentcloudapi.scf.v20180416.models.VersionProvisionedConcurrencyInfo;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SCF actions as the official SDK's typed {@link ScfClient} sees them through a sandbox. */
final class ScfContractIT {
  private final ContractWorld world = new ContractWorld();
  private final ScfClient scf;

  ScfContractIT() throws Exception {
    scf = world.client(ScfClient.class);
  }

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void getFunctionShowsAnActiveEventFunctionInItsNamespace() throws Exception {
    GetFunctionRequest req = new GetFunctionRequest();
    req.setFunctionName("fn-static");

    GetFunctionResponse res = scf.GetFunction(req);

    assertThat(res.getFunctionName()).isEqualTo("fn-static");
    assertThat(res.getNamespace()).isEqualTo("default");
    assertThat(res.getQualifier()).isEqualTo("$LATEST");
    assertThat(res.getType()).isEqualTo("Event");
    assertThat(res.getStatus()).isEqualTo("Active");
    assertThat(res.getAvailableStatus()).isEqualTo("Available");
    assertThat(res.getFunctionId()).isNotBlank();
  }

  @Test
  void getFunctionOfAnHttpFunctionSaysHttp() throws Exception {
    GetFunctionRequest req = new GetFunctionRequest();
    req.setFunctionName("fn-http");

    assertThat(scf.GetFunction(req).getType()).isEqualTo("HTTP");
  }

  @Test
  void invokeSyncReturnsTheFunctionsResponseInRetMsg() throws Exception {
    InvokeRequest req = new InvokeRequest();
    req.setFunctionName("fn-static");
    req.setInvocationType("RequestResponse");
    req.setClientContext("{}");

    var result = scf.Invoke(req).getResult();

    assertThat(result.getRetMsg()).contains("from-scf");
    assertThat(result.getErrMsg()).isEmpty();
    assertThat(result.getFunctionRequestId()).isNotBlank();
  }

  @Test
  void unknownFunctionIsResourceNotFoundFunction() {
    GetFunctionRequest get = new GetFunctionRequest();
    get.setFunctionName("fn-nothere");
    InvokeRequest invoke = new InvokeRequest();
    invoke.setFunctionName("fn-nothere");

    assertErrorCode(() -> scf.GetFunction(get), "ResourceNotFound.Function");
    assertErrorCode(() -> scf.Invoke(invoke), "ResourceNotFound.Function");
  }

  @Test
  void provisionedConcurrencyOnLatestIsInvalidQualifier() {
    assertErrorCode(
        () -> scf.PutProvisionedConcurrencyConfig(provision("$LATEST", 5)),
        "InvalidParameterValue.Qualifier");
  }

  @Test
  void provisionedConcurrencyOnAVersionRampsFromInProgressToDone() throws Exception {
    scf.PutProvisionedConcurrencyConfig(provision("1", 10));

    VersionProvisionedConcurrencyInfo first = allocation();
    assertThat(first.getQualifier()).isEqualTo("1");
    assertThat(first.getStatus()).isEqualTo("InProgress");
    assertThat(first.getAllocatedProvisionedConcurrencyNum()).isEqualTo(10L);
    assertThat(first.getAvailableProvisionedConcurrencyNum()).isLessThan(10L);
    assertErrorCode(
        () -> scf.PutProvisionedConcurrencyConfig(provision("1", 10)),
        "FailedOperation.ProvisionedInProgress");

    await().atMost(Duration.ofSeconds(10)).until(() -> allocation().getStatus().equals("Done"));
    assertThat(allocation().getAvailableProvisionedConcurrencyNum()).isEqualTo(10L);
  }

  @Test
  void deleteProvisionedConcurrencyRemovesTheVersionsSettingEvenWhileItRamps() throws Exception {
    scf.PutProvisionedConcurrencyConfig(provision("1", 10));

    String requestId = scf.DeleteProvisionedConcurrencyConfig(unprovision("1")).getRequestId();

    assertThat(requestId).isNotBlank();
    assertThat(allocations()).isEmpty();
    // Nothing left to delete is no error, so a release can be repeated.
    scf.DeleteProvisionedConcurrencyConfig(unprovision("1"));
    assertErrorCode(
        () -> scf.DeleteProvisionedConcurrencyConfig(unprovision("$LATEST")),
        "InvalidParameterValue.Qualifier");
    assertErrorCode(
        () -> scf.DeleteProvisionedConcurrencyConfig(unprovision("7")), "ResourceNotFound.Version");
  }

  @Test
  void aRampOfZeroLeavesProvisioningInProgressForever() throws Exception {
    try (ContractWorld stalled = new ContractWorld(Map.of("provisionedRampPerSecond", "0"))) {
      ScfClient client = stalled.client(ScfClient.class);
      client.PutProvisionedConcurrencyConfig(provision("1", 10));
      GetProvisionedConcurrencyConfigRequest req = new GetProvisionedConcurrencyConfigRequest();
      req.setFunctionName("fn-static");

      // Every read, however late, says the same: ramping, nothing available.
      for (int i = 0; i < 3; i++) {
        VersionProvisionedConcurrencyInfo info =
            client.GetProvisionedConcurrencyConfig(req).getAllocated()[0];
        assertThat(info.getStatus()).isEqualTo("InProgress");
        assertThat(info.getAvailableProvisionedConcurrencyNum()).isZero();
      }
      assertErrorCode(
          () -> client.PutProvisionedConcurrencyConfig(provision("1", 10)),
          "FailedOperation.ProvisionedInProgress");
    }
  }

  private VersionProvisionedConcurrencyInfo[] allocations() throws Exception {
    GetProvisionedConcurrencyConfigRequest req = new GetProvisionedConcurrencyConfigRequest();
    req.setFunctionName("fn-static");
    return scf.GetProvisionedConcurrencyConfig(req).getAllocated();
  }

  private static DeleteProvisionedConcurrencyConfigRequest unprovision(String qualifier) {
    DeleteProvisionedConcurrencyConfigRequest req = new DeleteProvisionedConcurrencyConfigRequest();
    req.setFunctionName("fn-static");
    req.setQualifier(qualifier);
    return req;
  }

  private VersionProvisionedConcurrencyInfo allocation() throws Exception {
    GetProvisionedConcurrencyConfigRequest req = new GetProvisionedConcurrencyConfigRequest();
    req.setFunctionName("fn-static");
    req.setQualifier("1");
    VersionProvisionedConcurrencyInfo[] allocated =
        scf.GetProvisionedConcurrencyConfig(req).getAllocated();
    assertThat(allocated).hasSize(1);
    return allocated[0];
  }

  private static PutProvisionedConcurrencyConfigRequest provision(String qualifier, long count) {
    PutProvisionedConcurrencyConfigRequest req = new PutProvisionedConcurrencyConfigRequest();
    req.setFunctionName("fn-static");
    req.setQualifier(qualifier);
    req.setVersionProvisionedConcurrencyNum(count);
    return req;
  }
}
