package io.sluice.sandbox.api;

import static io.sluice.sandbox.api.ApiServerFixture.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.CommonRequest;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.dnspod.v20210323.models.DescribeRecordListRequest;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordFieldsRequest;
import io.sluice.sandbox.api.ServiceDefinition.Action;
import io.sluice.sandbox.cvm.CvmInstances;
import io.sluice.sandbox.cvm.CvmService;
import io.sluice.sandbox.dnspod.DnsPlan;
import io.sluice.sandbox.dnspod.DnsRecord;
import io.sluice.sandbox.dnspod.DnspodRequests;
import io.sluice.sandbox.dnspod.DnspodService;
import io.sluice.sandbox.dnspod.RecordLine;
import io.sluice.sandbox.dnspod.RecordStatus;
import io.sluice.sandbox.scf.AsyncApiAction;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport, signature, routing, rate-limit and fault rules as the official SDK sees them
 * (reference §1 and §2.4).
 */
final class ApiServerIT {
  private static final String DOMAIN = "example.com";

  private final DnspodService dnspod = DnspodService.withEmptyAccount();
  private final ApiServerFixture sandbox =
      new ApiServerFixture(dnspod.definition(), new CvmService(new CvmInstances()).definition());
  private final long recordId;

  {
    var domain = dnspod.account().addDomain(DOMAIN, DnsPlan.DP_PLUS);
    recordId = dnspod.account().newRecordId();
    dnspod
        .account()
        .save(
            domain,
            new DnsRecord(
                recordId,
                "www",
                "A",
                RecordLine.DEFAULT,
                "10.0.0.1",
                600,
                0,
                10,
                RecordStatus.ENABLE,
                "",
                sandbox.clock.instant(),
                ""));
  }

  @AfterEach
  void close() {
    sandbox.close();
  }

  @Test
  void correctlySignedCallIsAnswered() throws Exception {
    assertThat(client().DescribeRecordList(list()).getRecordList()).hasSize(1);
  }

  @Test
  void unsignedPayloadIsAccepted() throws Exception {
    ClientProfile profile = sandbox.direct();
    profile.setUnsignedPayload(true);

    assertThat(
            client(ApiServerFixture.credential(), profile)
                .DescribeRecordList(list())
                .getRequestId())
        .isNotBlank();
  }

  @Test
  void wrongSecretKeyIsSignatureFailure() {
    DnspodClient wrongKey =
        client(new Credential(ApiServerFixture.SECRET_ID, "not-the-key"), sandbox.direct());

    assertErrorCode(() -> wrongKey.DescribeRecordList(list()), "AuthFailure.SignatureFailure");
  }

  @Test
  void unknownSecretIdIsSecretIdNotFound() {
    DnspodClient unknown = client(new Credential("AKIDunknown", "key"), sandbox.direct());

    assertErrorCode(() -> unknown.DescribeRecordList(list()), "AuthFailure.SecretIdNotFound");
  }

  @Test
  void timestampMoreThanFiveMinutesFromTheServerClockIsSignatureExpire() throws Exception {
    // The fixture's clock stands still while the SDK signs with the real time, so the skews keep
    // a wide margin from the 300 s limit: a slow, loaded machine must not flip the outcome.
    sandbox.faults.clockSkew(Duration.ofSeconds(360));
    assertErrorCode(() -> client().DescribeRecordList(list()), "AuthFailure.SignatureExpire");

    sandbox.faults.clockSkew(Duration.ofSeconds(-240));
    assertThat(client().DescribeRecordList(list()).getRecordList()).hasSize(1);
  }

  @Test
  void temporaryKeyNeedsItsSessionToken() throws Exception {
    sandbox.credentials.addTemporary("AKIDtemporary", "temporaryKey", "token-1");

    DnspodClient wrongToken =
        client(new Credential("AKIDtemporary", "temporaryKey", "token-2"), sandbox.direct());
    DnspodClient rightToken =
        client(new Credential("AKIDtemporary", "temporaryKey", "token-1"), sandbox.direct());

    assertErrorCode(() -> wrongToken.DescribeRecordList(list()), "AuthFailure.TokenFailure");
    assertThat(rightToken.DescribeRecordList(list()).getRecordList()).hasSize(1);
  }

  @Test
  void unknownActionIsInvalidAction() {
    CommonClient common =
        new CommonClient(
            "dnspod", DnspodService.VERSION, ApiServerFixture.credential(), "", sandbox.direct());

    assertErrorCode(
        () -> common.commonRequest(new CommonRequest("{}"), "BogusAction"), "InvalidAction");
  }

  @Test
  void knownActionUnderAnUnknownVersionIsNoSuchVersion() {
    CommonClient common =
        new CommonClient(
            "dnspod", "2019-01-01", ApiServerFixture.credential(), "", sandbox.direct());

    assertErrorCode(
        () ->
            common.commonRequest(
                new CommonRequest("{\"Domain\":\"example.com\"}"), "DescribeRecordList"),
        "NoSuchVersion");
  }

  @Test
  void twentyFirstCallInOneSecondIsRequestLimitExceeded() throws Exception {
    DnspodClient client = client();
    for (int i = 0; i < 20; i++) {
      client.ModifyRecordFields(weight(i));
    }

    assertErrorCode(() -> client.ModifyRecordFields(weight(21)), "RequestLimitExceeded");

    sandbox.nanos.advance(Duration.ofSeconds(1));
    assertThat(client.ModifyRecordFields(weight(22)).getRecordId()).isEqualTo(recordId);
  }

  @Test
  void injectedApiErrorAnswersOnceThenTheActionWorksAgain() throws Exception {
    sandbox.faults.once("DescribeRecordList", new Fault.ApiError("InternalError", "injected"));

    assertErrorCode(() -> client().DescribeRecordList(list()), "InternalError");
    assertThat(client().DescribeRecordList(list()).getRecordList()).hasSize(1);
  }

  @Test
  void faultForNCallsFailsExactlyNCallsThatPassTheSignatureAndRoutingChecks() throws Exception {
    sandbox.faults.times("DescribeRecordList", new Fault.ApiError("InternalError", "injected"), 2);
    DnspodClient wrongKey =
        client(new Credential(ApiServerFixture.SECRET_ID, "not-the-key"), sandbox.direct());
    CommonClient wrongVersion =
        new CommonClient(
            "dnspod", "2019-01-01", ApiServerFixture.credential(), "", sandbox.direct());

    assertErrorCode(() -> wrongKey.DescribeRecordList(list()), "AuthFailure.SignatureFailure");
    assertErrorCode(
        () ->
            wrongVersion.commonRequest(
                new CommonRequest("{\"Domain\":\"example.com\"}"), "DescribeRecordList"),
        "NoSuchVersion");
    assertErrorCode(() -> client().DescribeRecordList(list()), "InternalError");
    assertErrorCode(() -> client().DescribeRecordList(list()), "InternalError");
    assertThat(client().DescribeRecordList(list()).getRecordList()).hasSize(1);
  }

  @Test
  void faultForEveryActionLeavesCallsToUnknownActionsAlone() throws Exception {
    sandbox.faults.once(
        ControlPlaneFaults.ANY_ACTION, new Fault.ApiError("InternalError", "injected"));
    CommonClient common =
        new CommonClient(
            "dnspod", DnspodService.VERSION, ApiServerFixture.credential(), "", sandbox.direct());

    assertErrorCode(
        () -> common.commonRequest(new CommonRequest("{}"), "BogusAction"), "InvalidAction");
    assertErrorCode(() -> client().DescribeRecordList(list()), "InternalError");
    assertThat(client().DescribeRecordList(list()).getRecordList()).hasSize(1);
  }

  @Test
  void httpStatus500IsServerSideError() {
    sandbox.faults.once(ControlPlaneFaults.ANY_ACTION, new Fault.HttpStatus(500));

    assertErrorCode(() -> client().DescribeRecordList(list()), "ServerSideError");
  }

  @Test
  void hungCallEndsInTheClientsReadTimeout() {
    sandbox.faults.once("DescribeRecordList", new Fault.Hang());
    DnspodClient oneSecond = client(ApiServerFixture.credential(), sandbox.direct(1));

    assertThatThrownBy(() -> oneSecond.DescribeRecordList(list()))
        .isInstanceOf(TencentCloudSDKException.class)
        .hasCauseInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void latencyDelaysTheAnswerWithoutChangingIt() throws Exception {
    sandbox.faults.once("DescribeRecordList", new Fault.Latency(Duration.ofMillis(300)));

    long start = System.nanoTime();
    assertThat(client().DescribeRecordList(list()).getRecordList()).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void connectionResetIsATransportFailure() {
    sandbox.faults.untilCleared("DescribeRecordList", new Fault.ConnectionReset());

    assertThatThrownBy(() -> client().DescribeRecordList(list()))
        .isInstanceOf(TencentCloudSDKException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void malformedJsonIsAnSdkExceptionWithoutCode() {
    sandbox.faults.once("DescribeRecordList", new Fault.MalformedJson());

    assertThatThrownBy(() -> client().DescribeRecordList(list()))
        .isInstanceOfSatisfying(
            TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isNull());
  }

  @Test
  void bodyWithoutResponseIsARawNullPointerException() {
    sandbox.faults.once("DescribeRecordList", new Fault.MissingResponse());

    assertThatThrownBy(() -> client().DescribeRecordList(list()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void actionThatNeverAnswersIsAnsweredInternalErrorAfterTheActionTimeout() {
    ServiceDefinition stuck =
        new ServiceDefinition(
            "stuck",
            "2020-01-01",
            false,
            Map.of(
                "Wait",
                Action.read(5, (AsyncApiAction) r -> Promise.<JsonObject>promise().future())));
    try (ApiServerFixture bounded = new ApiServerFixture(Duration.ofMillis(300), stuck)) {
      CommonClient common =
          new CommonClient(
              "stuck", "2020-01-01", ApiServerFixture.credential(), "", bounded.direct());

      assertThatThrownBy(() -> common.commonRequest(new CommonRequest("{}"), "Wait"))
          .isInstanceOfSatisfying(
              TencentCloudSDKException.class,
              e -> {
                assertThat(e.getErrorCode()).isEqualTo("InternalError");
                assertThat(e.getMessage()).contains("`Wait`", "300ms");
              });
    }
  }

  @Test
  void twoSandboxesInOneJvmKeepTheirOwnState() throws Exception {
    try (ApiServerFixture other =
        new ApiServerFixture(DnspodService.withEmptyAccount().definition())) {
      DnspodClient otherClient = client(ApiServerFixture.credential(), other.direct());

      assertThat(other.port).isNotEqualTo(sandbox.port);
      assertErrorCode(
          () -> otherClient.DescribeRecordList(list()), "InvalidParameterValue.DomainNotExists");
      assertThat(client().DescribeRecordList(list()).getRecordList()).hasSize(1);
    }
  }

  private DnspodClient client() {
    return client(ApiServerFixture.credential(), sandbox.direct());
  }

  private static DnspodClient client(Credential credential, ClientProfile profile) {
    return new DnspodClient(credential, "", profile);
  }

  private static DescribeRecordListRequest list() {
    DescribeRecordListRequest req = new DescribeRecordListRequest();
    req.setDomain(DOMAIN);
    return req;
  }

  private ModifyRecordFieldsRequest weight(int weight) {
    return DnspodRequests.fields(DOMAIN, recordId, "weight", Integer.toString(weight % 101));
  }
}
