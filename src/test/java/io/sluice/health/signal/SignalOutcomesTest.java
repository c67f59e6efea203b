package io.sluice.health.signal;

import static io.sluice.testing.ThrownAt.thrownAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonSyntaxException;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.sluice.cloud.CloudFailure;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classification table: every failure is Inconclusive, with the cause that fits; an exception
 * of Sluice's own is {@code INTERNAL_ERROR}, one the SDK threw on a malformed answer the cloud's.
 */
final class SignalOutcomesTest {

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(api("RequestLimitExceeded"), InconclusiveCause.CLOUD_API_THROTTLED, true),
        Arguments.of(
            api("RequestLimitExceeded.UinLimitExceeded"),
            InconclusiveCause.CLOUD_API_THROTTLED,
            true),
        Arguments.of(
            RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("a")),
            InconclusiveCause.CLOUD_API_THROTTLED,
            false),
        Arguments.of(api("AuthFailure.SignatureFailure"), InconclusiveCause.CREDENTIALS, false),
        Arguments.of(api("AuthFailure.SecretIdNotFound"), InconclusiveCause.CREDENTIALS, false),
        Arguments.of(api("AuthFailure"), InconclusiveCause.CREDENTIALS, false),
        Arguments.of(
            CallNotPermittedException.createCallNotPermittedException(
                CircuitBreaker.ofDefaults("b")),
            InconclusiveCause.CIRCUIT_OPEN,
            false),
        Arguments.of(
            new TencentCloudSDKException("response code is 500, not 200", "", "ServerSideError"),
            InconclusiveCause.CLOUD_API_ERROR,
            false),
        Arguments.of(api("InternalError"), InconclusiveCause.CLOUD_API_ERROR, false),
        Arguments.of(api("ResourceInUse"), InconclusiveCause.CLOUD_API_ERROR, true),
        Arguments.of(api("ResourceUnavailable"), InconclusiveCause.CLOUD_API_ERROR, true),
        Arguments.of(
            api("FailedOperation.ResourceInOperating"), InconclusiveCause.CLOUD_API_ERROR, true),
        Arguments.of(
            api("InvalidParameter.LBIdNotFound"), InconclusiveCause.CLOUD_API_ERROR, false),
        Arguments.of(
            new TencentCloudSDKException("", new SocketTimeoutException("timeout")),
            InconclusiveCause.CLOUD_API_ERROR,
            true),
        Arguments.of(
            new TencentCloudSDKException("", new ConnectException("refused")),
            InconclusiveCause.CLOUD_API_ERROR,
            true),
        Arguments.of(
            new TencentCloudSDKException(
                "json is not a valid representation", new JsonSyntaxException("bad")),
            InconclusiveCause.CLOUD_API_ERROR,
            false),
        // the SDK lets these out raw on a malformed body: thrown inside it, they are the cloud's
        Arguments.of(
            thrownAt(new NullPointerException(), "com.tencentcloudapi.common.AbstractClient"),
            InconclusiveCause.CLOUD_API_ERROR,
            false),
        Arguments.of(
            thrownAt(new JsonSyntaxException("abc"), "com.google.gson.Gson"),
            InconclusiveCause.CLOUD_API_ERROR,
            false),
        Arguments.of(
            thrownAt(
                new NullPointerException(), "java.util.Objects", "com.tencentcloudapi.clb.Model"),
            InconclusiveCause.CLOUD_API_ERROR,
            false),
        Arguments.of(
            new TimeoutException("budget spent"), InconclusiveCause.CLOUD_API_ERROR, false),
        Arguments.of(
            new IllegalStateException(new UncheckedIOException(new IOException("reset"))),
            InconclusiveCause.CLOUD_API_ERROR,
            false),
        // an answer Sluice's parsing found unusable: the cloud's, like a 5xx
        Arguments.of(
            new io.sluice.cloud.MalformedAnswer("DescribeRecord answered weight 900"),
            InconclusiveCause.CLOUD_API_ERROR,
            false),
        // thrown by Sluice's own code: an internal error, never the cloud's
        Arguments.of(new NullPointerException(), InconclusiveCause.INTERNAL_ERROR, false),
        Arguments.of(
            thrownAt(
                new NullPointerException(), "java.util.Objects", "io.sluice.health.signal.Parse"),
            InconclusiveCause.INTERNAL_ERROR,
            false),
        Arguments.of(new JsonSyntaxException("abc"), InconclusiveCause.INTERNAL_ERROR, false),
        Arguments.of(new IllegalStateException("?"), InconclusiveCause.INTERNAL_ERROR, false),
        Arguments.of(
            thrownAt(new NullPointerException()), // no stack trace: the JVM's fast throw
            InconclusiveCause.INTERNAL_ERROR,
            false));
  }

  @ParameterizedTest
  @MethodSource("table")
  void classifiesAndDecidesRetry(Throwable failure, InconclusiveCause cause, boolean retryable) {
    ProbeOutcome.Inconclusive outcome = SignalOutcomes.classify(failure);

    assertThat(outcome.cause()).isEqualTo(cause);
    assertThat(CloudFailure.isRetryable(failure)).isEqualTo(retryable);
  }

  @org.junit.jupiter.api.Test
  void detailNamesCodeMessageAndRequestId() {
    var failure = new TencentCloudSDKException("too fast", "req-42", "RequestLimitExceeded");

    assertThat(SignalOutcomes.classify(failure).detail())
        .isEqualTo("RequestLimitExceeded: too fast RequestId req-42");
  }

  private static TencentCloudSDKException api(String code) {
    return new TencentCloudSDKException("message", "req-1", code);
  }

  @org.junit.jupiter.api.Test
  void onlyControlPlaneFaultsCountTowardOpeningTheCircuit() {
    assertThat(CloudFailure.isControlPlaneFault(api("InternalError"))).isTrue();
    assertThat(CloudFailure.isControlPlaneFault(api("RequestLimitExceeded"))).isTrue();
    assertThat(CloudFailure.isControlPlaneFault(api("ServerSideError"))).isTrue();
    assertThat(
            CloudFailure.isControlPlaneFault(
                thrownAt(new NullPointerException(), "com.tencentcloudapi.common.AbstractClient")))
        .as("a malformed answer")
        .isTrue();
    assertThat(CloudFailure.isControlPlaneFault(new NullPointerException()))
        .as("Sluice's own bug")
        .isFalse();
    assertThat(
            CloudFailure.isControlPlaneFault(
                CallNotPermittedException.createCallNotPermittedException(
                    CircuitBreaker.ofDefaults("c"))))
        .isFalse();
    assertThat(CloudFailure.isControlPlaneFault(api("InvalidParameter.LBIdNotFound"))).isFalse();
    assertThat(CloudFailure.isControlPlaneFault(api("AuthFailure.SignatureFailure"))).isFalse();
    assertThat(
            CloudFailure.isControlPlaneFault(
                RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("x"))))
        .isFalse();
  }
}
