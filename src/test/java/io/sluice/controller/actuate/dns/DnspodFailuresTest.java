package io.sluice.controller.actuate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonSyntaxException;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.ActuationException.Outcome;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a failed DNSPod write is reported: refused (FAILED) or possibly applied (UNKNOWN). */
final class DnspodFailuresTest {
  private static final RecordWrite WRITE = new RecordWrite.SetWeight(Records.SHOP, 1002, 30);

  private static TencentCloudSDKException answered(String code) {
    return new TencentCloudSDKException("refused", "req-7", code);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "InvalidParameter.InvalidWeight",
        "InvalidParameter.RecordIdInvalid",
        "LimitExceeded.RecordTtlLimit",
        "OperationDenied.NoPermissionToOperateDomain",
        "FailedOperation.DomainIsLocked",
        "AuthFailure.UnauthorizedOperation",
        "RequestLimitExceeded"
      })
  void aWriteTheCloudRefusedFailedWithItsCode(String code) {
    ActuationException e = DnspodFailures.ofWrite(WRITE, answered(code), List.of("req-1"));

    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.requestIds()).containsExactly("req-1");
    assertThat(e.getMessage())
        .startsWith("ModifyRecordFields shop.example.com record 1002 weight=30: " + code)
        .contains("RequestId req-7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"InternalError", "ServerSideError", "ServiceUnavailable"})
  void aServerSideErrorLeavesTheWriteUnknown(String code) {
    ActuationException e = DnspodFailures.ofWrite(WRITE, answered(code), List.of());

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo(code);
  }

  @Test
  void noAnswerIsUnknown() {
    TencentCloudSDKException timeout =
        new TencentCloudSDKException("", new SocketTimeoutException("timeout"));

    assertThat(DnspodFailures.outcome(timeout)).isEqualTo(Outcome.UNKNOWN);
    assertThat(DnspodFailures.code(timeout)).isEqualTo(DnspodFailures.NO_ANSWER);
  }

  @Test
  void aSpentCallBudgetIsUnknown() {
    TimeoutException spent = new TimeoutException("ModifyRecordFields took longer than 15s");

    assertThat(DnspodFailures.outcome(spent)).isEqualTo(Outcome.UNKNOWN);
    assertThat(DnspodFailures.code(spent)).isEqualTo(DnspodFailures.BUDGET_SPENT);
  }

  @Test
  void everyMalformedAnswerTheSdkCanThrowIsUnknown() {
    List<Throwable> malformed =
        List.of(
            new NullPointerException(),
            new JsonSyntaxException("Expected a long"),
            new TencentCloudSDKException(
                "json is not a valid representation", new JsonSyntaxException("x")),
            new DnspodCalls.MalformedAnswer("no RecordInfo"));

    for (Throwable failure : malformed) {
      assertThat(DnspodFailures.outcome(failure)).as("%s", failure).isEqualTo(Outcome.UNKNOWN);
      assertThat(DnspodFailures.code(failure))
          .as("%s", failure)
          .isEqualTo(DnspodFailures.MALFORMED);
    }
  }

  @Test
  void aWriteAnOpenCircuitNeverSentFailed() {
    CallNotPermittedException open =
        CallNotPermittedException.createCallNotPermittedException(
            CircuitBreaker.ofDefaults("ModifyRecordFields"));

    assertThat(DnspodFailures.outcome(open)).isEqualTo(Outcome.FAILED);
    assertThat(DnspodFailures.code(open)).isEqualTo(DnspodFailures.CIRCUIT_OPEN);
  }

  @Test
  void aFailedReadIsUnknownEvenWhenTheCloudRefusedIt() {
    ActuationException e =
        DnspodFailures.ofRead(
            "DescribeRecord shop.example.com record 1002",
            answered("InvalidParameter.RecordIdInvalid"));

    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.code()).isEqualTo("InvalidParameter.RecordIdInvalid");
    assertThat(e.getMessage()).startsWith("DescribeRecord shop.example.com record 1002: ");
  }
}
