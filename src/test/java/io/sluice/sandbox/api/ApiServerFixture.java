package io.sluice.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import io.sluice.testing.MutableClock;
import io.sluice.testing.MutableNanos;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * An {@link ApiServer} on a random loopback port with one known key, and SDK profiles pointed at it
 * as reference §2.2 recommends (timeouts set before a client is built). Close it in every test.
 */
public final class ApiServerFixture implements AutoCloseable {
  public static final String SECRET_ID = "AKIDsandboxTEST00000000000000000000";
  public static final String SECRET_KEY = "sandboxTESTsecretKEY0000000000000";

  public final Vertx vertx = Vertx.vertx();
  public final MutableClock clock = MutableClock.atWallTime();

  /** The rate limits' clock. */
  public final MutableNanos nanos = new MutableNanos();

  public final Credentials credentials = new Credentials().add(SECRET_ID, SECRET_KEY);
  public final ControlPlaneFaults faults = new ControlPlaneFaults();
  public final MutationLog mutations = new MutationLog();
  public final int port;
  private final ApiServer server;

  public ApiServerFixture(ServiceDefinition... services) {
    this(ApiDispatcher.DEFAULT_ACTION_TIMEOUT, services);
  }

  public ApiServerFixture(Duration actionTimeout, ServiceDefinition... services) {
    server =
        new ApiServer(
            vertx, clock, nanos, credentials, faults, mutations, List.of(services), actionTimeout);
    port = server.start();
  }

  public static Credential credential() {
    return new Credential(SECRET_ID, SECRET_KEY);
  }

  /** Direct mode: endpoint {@code 127.0.0.1:port}; the SDK signs service {@code 127}. */
  public ClientProfile direct(int readTimeoutSeconds) {
    HttpProfile http = new HttpProfile();
    http.setEndpoint("127.0.0.1:" + port);
    http.setProtocol(HttpProfile.REQ_HTTP);
    http.setConnTimeout(2);
    http.setReadTimeout(readTimeoutSeconds);
    http.setWriteTimeout(5);
    return new ClientProfile(ClientProfile.SIGN_TC3_256, http);
  }

  public ClientProfile direct() {
    return direct(5);
  }

  /** Proxy mode: the real endpoint over http, sent through the sandbox as an HTTP proxy. */
  public ClientProfile viaProxy(String endpoint) {
    HttpProfile http = new HttpProfile();
    http.setEndpoint(endpoint);
    http.setProtocol(HttpProfile.REQ_HTTP);
    http.setProxyHost("127.0.0.1");
    http.setProxyPort(port);
    http.setConnTimeout(2);
    http.setReadTimeout(5);
    http.setWriteTimeout(5);
    return new ClientProfile(ClientProfile.SIGN_TC3_256, http);
  }

  /** Asserts the SDK call fails with the API error code, as the controller would see it. */
  public static void assertErrorCode(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TencentCloudSDKException.class, e -> assertThat(e.getErrorCode()).isEqualTo(code));
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
