package io.sluice.sandbox.cvm;

import static io.sluice.sandbox.api.ApiServerFixture.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.cvm.v20170312.CvmClient;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesStatusRequest;
import com.tencentcloudapi.cvm.v20170312.models.DescribeInstancesStatusResponse;
import com.tencentcloudapi.cvm.v20170312.models.InstanceStatus;
import io.sluice.sandbox.api.ApiServerFixture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CVM {@code DescribeInstancesStatus} as the official SDK client sees it. */
final class CvmServiceIT {
  private final CvmInstances instances = new CvmInstances();
  private final ApiServerFixture sandbox =
      new ApiServerFixture(new CvmService(instances).definition());
  private final CvmClient client =
      new CvmClient(ApiServerFixture.credential(), "ap-guangzhou", sandbox.direct());

  @AfterEach
  void close() {
    sandbox.close();
  }

  @Test
  void reportsTheStateTestsSet() throws Exception {
    CvmInstance web = instances.add("web-1", "10.0.0.11", InstanceState.RUNNING);
    CvmInstance db = instances.add("db-1", "10.0.0.12", InstanceState.RUNNING);
    instances.setState(db.instanceId(), InstanceState.STOPPED);

    DescribeInstancesStatusResponse res =
        client.DescribeInstancesStatus(ids(web.instanceId(), db.instanceId()));

    assertThat(res.getTotalCount()).isEqualTo(2L);
    assertThat(res.getInstanceStatusSet())
        .extracting(InstanceStatus::getInstanceId, InstanceStatus::getInstanceState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(web.instanceId(), "RUNNING"),
            org.assertj.core.groups.Tuple.tuple(db.instanceId(), "STOPPED"));
  }

  @Test
  void withoutIdsListsAllInPagesOfTwentyByDefault() throws Exception {
    IntStream.range(0, 25)
        .forEach(i -> instances.add("vm-" + i, "10.0.1." + i, InstanceState.RUNNING));
    DescribeInstancesStatusRequest second = new DescribeInstancesStatusRequest();
    second.setOffset(20L);

    assertThat(
            client.DescribeInstancesStatus(new DescribeInstancesStatusRequest())
                .getInstanceStatusSet())
        .hasSize(20);
    DescribeInstancesStatusResponse rest = client.DescribeInstancesStatus(second);
    assertThat(rest.getInstanceStatusSet()).hasSize(5);
    assertThat(rest.getTotalCount()).isEqualTo(25L);
  }

  @Test
  void limitAboveOneHundredIsInvalidParameterValue() {
    DescribeInstancesStatusRequest req = new DescribeInstancesStatusRequest();
    req.setLimit(101L);

    assertErrorCode(() -> client.DescribeInstancesStatus(req), "InvalidParameterValue");
  }

  @Test
  void moreThanOneHundredIdsIsRefused() {
    String[] many =
        IntStream.range(0, 101).mapToObj(i -> String.format("ins-%08d", i)).toArray(String[]::new);

    assertErrorCode(
        () -> client.DescribeInstancesStatus(ids(many)), "InvalidParameterValue.LimitExceeded");
  }

  @Test
  void malformedAndUnknownIdsAreRefused() {
    assertErrorCode(
        () -> client.DescribeInstancesStatus(ids("i-123")), "InvalidInstanceId.Malformed");
    assertErrorCode(
        () -> client.DescribeInstancesStatus(ids("ins-00000000")), "InvalidInstanceId.NotFound");
  }

  @Test
  void emptyRegionIsMissingParameter() {
    CvmClient noRegion = new CvmClient(ApiServerFixture.credential(), "", sandbox.direct());

    assertErrorCode(() -> noRegion.DescribeInstancesStatus(ids()), "MissingParameter");
  }

  @Test
  void proxyModeReachesTheSandbox() throws Exception {
    CvmClient viaProxy =
        new CvmClient(
            ApiServerFixture.credential(),
            "ap-guangzhou",
            sandbox.viaProxy("cvm.tencentcloudapi.com"));

    assertThat(
            viaProxy.DescribeInstancesStatus(new DescribeInstancesStatusRequest()).getTotalCount())
        .isZero();
  }

  private static DescribeInstancesStatusRequest ids(String... ids) {
    DescribeInstancesStatusRequest req = new DescribeInstancesStatusRequest();
    req.setInstanceIds(ids);
    return req;
  }
}
