package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

final class WriteFailureTest {
  private static TencentCloudSDKException coded(String code) {
    return new TencentCloudSDKException("message", "req-1", code);
  }

  @Test
  void aBusyLoadBalancerThrottlingAndAnOpenCircuitAreWorthAnotherTry() {
    CircuitBreaker open = CircuitBreaker.ofDefaults("RegisterTargets");
    open.transitionToOpenState();

    assertThat(WriteFailure.of(coded("FailedOperation.ResourceInOperating")))
        .isEqualTo(WriteFailure.BUSY);
    assertThat(WriteFailure.of(coded("ResourceInUse"))).isEqualTo(WriteFailure.BUSY);
    assertThat(WriteFailure.of(coded("RequestLimitExceeded"))).isEqualTo(WriteFailure.BUSY);
    assertThat(WriteFailure.of(coded("RequestLimitExceeded.UinLimitExceeded")))
        .isEqualTo(WriteFailure.BUSY);
    assertThat(
            WriteFailure.of(
                RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("x"))))
        .isEqualTo(WriteFailure.BUSY);
    CallNotPermittedException circuit =
        CallNotPermittedException.createCallNotPermittedException(open);
    assertThat(WriteFailure.of(circuit)).isEqualTo(WriteFailure.BUSY);
    assertThat(WriteFailure.code(circuit)).isEqualTo("Sluice.CircuitOpen");
  }

  @Test
  void noUsableAnswerIsUnknown() {
    TencentCloudSDKException network =
        new TencentCloudSDKException("", new SocketTimeoutException("timeout"));

    for (Throwable failure :
        new Throwable[] {
          network,
          new SdkRuleApi.AnswerLost(network),
          coded("InternalError"),
          coded("ServerSideError"),
          coded("ServiceUnavailable"),
          new TimeoutException("budget"),
          new NullPointerException()
        }) {
      assertThat(WriteFailure.of(failure))
          .as(failure.toString())
          .isEqualTo(WriteFailure.UNANSWERED);
    }
    assertThat(WriteFailure.code(new SdkRuleApi.AnswerLost(network))).isEqualTo("AnswerLost");
  }

  @Test
  void anyOtherCodeIsARefusal() {
    assertThat(WriteFailure.of(coded("FailedOperation"))).isEqualTo(WriteFailure.REJECTED);
    assertThat(WriteFailure.of(coded("InvalidParameterValue.Duplicate")))
        .isEqualTo(WriteFailure.REJECTED);
    assertThat(WriteFailure.of(coded("AuthFailure.SignatureExpire")))
        .isEqualTo(WriteFailure.REJECTED);
    assertThat(WriteFailure.code(coded("LimitExceeded"))).isEqualTo("LimitExceeded");
  }
}
